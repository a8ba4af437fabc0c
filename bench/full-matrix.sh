#!/usr/bin/env bash
# full-matrix.sh [MODES [PARALLELISMS]]: wall time of the real corpus (probes/) per mode, sequential and
# parallel (docs/performance.md).
#
#   MODES          space-separated entries, each one mode or a comma-separated set run together
#                  (default: "baseline codex-sandbox codex-full")
#   PARALLELISMS   space-separated; 1 = sequential, N = codex-fence.execution.parallel with fixed
#                  parallelism N (default: "1 2 4")
#
# One JVM per mode x parallelism, so the peak RSS (VmHWM) is that configuration's. Prints a Markdown
# table, nproc, the codex CLI version and the load average. The codex modes use the codex CLI the engine
# finds (PATH, else .tools/codex; bin/install-codex installs it); without it they are skipped. This runs
# every probe of the corpus for real (a few minutes). Asserts nothing.
set -euo pipefail

here=$(cd -P "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
modes=${1:-baseline codex-sandbox codex-full}
parallelisms=${2:-1 2 4}
codex=''
if command -v codex >/dev/null 2>&1; then
  codex=$(command -v codex)
elif [ -x "$root/.tools/codex/node_modules/.bin/codex" ]; then
  codex=$root/.tools/codex/node_modules/.bin/codex
fi

"$here/java.sh" --build   # once; the runs below skip the build
echo "machine: $(uname -srm), nproc $(nproc 2>/dev/null || sysctl -n hw.ncpu), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "codex:   ${codex:-none found} $( [ -n "$codex" ] && "$codex" --version 2>/dev/null | head -1)"
echo "engine:  $(cd "$here/target/lib" && ls codex-fence-engine-*.jar) from the local Maven repository"
echo "corpus:  $(ls "$root"/probes/*.sh | wc -l | tr -d ' ') probes in $root/probes"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo
echo "| modes | execution | tests run / skipped / failed | wall | median test | JVM peak RSS | load 1 min (start → end) |"
echo "|---|---|---|---|---|---|---|"
for m in $modes; do
  for p in $parallelisms; do
    BENCH_NO_BUILD=1 "$here/java.sh" FullMatrix "$root/probes" "$m" "$p" "$codex" 2> >(grep -v '^engine: \|^codex-fence: ' >&2 || true)
  done
done
