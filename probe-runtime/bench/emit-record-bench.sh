#!/usr/bin/env bash
# emit-record-bench.sh: cost of one emit-record call against a bare bash start.
#
#   probe-runtime/bench/emit-record-bench.sh [N]      (default N=200)
#
# Runs N x "bash -c true" and N x a representative emit-record call (12 flags,
# a 300-character --payload-stdout, two --payload-raw-field, one
# --operation-arg), interleaved one by one so that both see the same machine
# load, timing every call. Prints the median and mean per call, the ratio
# (target: emit-record <= 3x bare bash) and nproc. emit-record is run the way
# probes run it: by path, through its #!/usr/bin/env bash line.
set -euo pipefail

n=${1:-200}
here=$(cd -P "$(dirname "$0")" && pwd -P)
emit=$here/../src/main/bash/emit-record
[[ -x $emit ]] || { echo "emit-record-bench: not executable: $emit" >&2; exit 1; }

if [[ -z ${EPOCHREALTIME:-} ]]; then
  echo "emit-record-bench: needs bash >= 5 (EPOCHREALTIME); running: $BASH_VERSION" >&2
  exit 1
fi

printf -v stdout300 '%0300d' 0
stdout300=${stdout300//0/x}
args=(
  --run-mode baseline
  --probe-name fs_write_workspace_file --probe-version 1
  --primary-capability-id cap_fs_write_workspace_tree
  --secondary-capability-id cap_fs_read_workspace_tree
  --command "printf %s hello > /tmp/ws/fence-probe.\$\$"
  --category fs --verb write --target /tmp/ws/fence-probe.1234
  --status denied --errno EROFS --message "Read-only file system"
  --raw-exit-code 1
  --payload-stdout "$stdout300"
  --payload-raw-field path /tmp/ws/fence-probe.1234
  --payload-raw-field mode 0644
  --operation-arg bytes 5
)

"$emit" "${args[@]}" >/dev/null   # fail early (set -e) if the call is wrong

# usec T0 T1: elapsed microseconds between two EPOCHREALTIME readings
usec() {
  local a=${1/[.,]/} b=${2/[.,]/}
  echo $((10#$b - 10#$a))
}

bare=() emitted=()
for (( i = 0; i < n; i++ )); do
  t0=$EPOCHREALTIME; bash -c true; t1=$EPOCHREALTIME
  bare+=("$(usec "$t0" "$t1")")
  t0=$EPOCHREALTIME; "$emit" "${args[@]}" >/dev/null; t1=$EPOCHREALTIME
  emitted+=("$(usec "$t0" "$t1")")
done

# stats US...: "median mean" in microseconds
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1; s += $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%d %d\n", m, s / NR }'
}
read -r bare_med bare_mean < <(stats "${bare[@]}")
read -r emit_med emit_mean < <(stats "${emitted[@]}")

printf 'machine:      %s, nproc %s, bash %s\n' "$(uname -srm)" "$(nproc 2>/dev/null || sysctl -n hw.ncpu)" "$BASH_VERSION"
printf 'calls:        %d of each, interleaved\n' "$n"
printf 'bash -c true: median %6.2f ms, mean %6.2f ms\n' "$(awk "BEGIN{print $bare_med/1000}")" "$(awk "BEGIN{print $bare_mean/1000}")"
printf 'emit-record:  median %6.2f ms, mean %6.2f ms\n' "$(awk "BEGIN{print $emit_med/1000}")" "$(awk "BEGIN{print $emit_mean/1000}")"
printf 'ratio:        median %.2fx, mean %.2fx (target <= 3x)\n' \
  "$(awk "BEGIN{print $emit_med/$bare_med}")" "$(awk "BEGIN{print $emit_mean/$bare_mean}")"
