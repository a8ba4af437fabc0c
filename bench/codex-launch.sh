#!/usr/bin/env bash
# codex-launch.sh [ROUNDS [REPEAT]]: what starting codex through its npm launcher costs, and what the codex modes
# gain by running the native binary (docs/performance.md, "Codex start-up: npm launcher or native binary").
#
# Part 1: ROUNDS interleaved pairs (default 30) of `codex sandbox -P :workspace -C WS -- true`, through
#   .tools/codex/node_modules/.bin/codex (Node launcher) and through the native binary it starts; median and
#   mean of each and their ratio.
# Part 2: the same selection (5 probes, --repeat REPEAT, default 3) in mode codex-sandbox through bin/codex-fence,
#   alternately with --codex pointing at a wrapper that runs the Node launcher (what every codex run paid before)
#   and at the npm install itself (codex-fence now starts the native binary); 3 rounds, wall time of each run.
# Prints nproc and the load average. Asserts nothing. Needs bin/install-codex (and builds the engine if needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-30}
repeat=${2:-3}
shim=$root/.tools/codex/node_modules/.bin/codex
[ -x "$shim" ] || { echo "codex-launch: no $shim (run bin/install-codex)" >&2; exit 2; }
native=$(find -L "$root/.tools/codex/node_modules/@openai" -path '*/vendor/*/bin/codex' -type f | head -n 1)
[ -x "$native" ] || { echo "codex-launch: no native binary under $root/.tools/codex" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/ws"

now() { date +%s%N; }
stats() { # stats NAME FILE: median and mean in ms of the nanosecond figures in FILE
  sort -n "$2" | awk -v name="$1" '{ a[NR] = $1; s += $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%-16s median %6.1f ms  mean %6.1f ms  (n=%d)\n", name, m / 1e6, s / NR / 1e6, NR }'
}
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "codex: $("$native" --version)  nproc: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== part 1: codex sandbox -P :workspace -C WS -- true, $rounds interleaved pairs"
: >"$scratch/shim" && : >"$scratch/native"
for ((i = 0; i < rounds; i++)); do
  t=$(now); "$shim" sandbox -P :workspace -C "$scratch/ws" -- true; echo $(($(now) - t)) >>"$scratch/shim"
  t=$(now); CODEX_MANAGED_BY_NPM=1 "$native" sandbox -P :workspace -C "$scratch/ws" -- true
  echo $(($(now) - t)) >>"$scratch/native"
done
stats "npm launcher" "$scratch/shim"
stats "native binary" "$scratch/native"
awk -v a="$(median "$scratch/shim")" -v b="$(median "$scratch/native")" \
  'BEGIN { printf "ratio of medians: %.2f (%.0f ms saved per codex start)\n", a / b, (a - b) / 1e6 }'

echo "== part 2: bin/codex-fence --rattle (5 probes) --repeat $repeat --mode codex-sandbox, 3 rounds"
printf '#!/bin/sh\nexec node %s "$@"\n' "$(readlink -f "$shim")" >"$scratch/codex-through-node"
chmod +x "$scratch/codex-through-node"
probes=fs_read_etc_hosts,fs_write_tmp_scratch,fs_write_home_scratch,proc_fork_wait_child,net_tcp_connect_target
run() { # run CODEX: wall ms of one CLI run
  local t
  t=$(now)
  "$root/bin/codex-fence" --rattle --probe "$probes" --mode codex-sandbox --repeat "$repeat" --codex "$1" \
    -c codex-fence.expectations.enabled=false --output "$scratch/out" >/dev/null 2>"$scratch/err" ||
    { cat "$scratch/err" >&2; exit 1; }
  echo $((($(now) - t) / 1000000))
}
run "$shim" >/dev/null # build and warm up
for r in 1 2 3; do
  before=$(run "$scratch/codex-through-node")
  after=$(run "$shim")
  echo "round $r: through the npm launcher ${before} ms, native binary ${after} ms"
done
echo "codex runs per CLI run: $((5 * repeat)) probe runs + 1 preflight; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
