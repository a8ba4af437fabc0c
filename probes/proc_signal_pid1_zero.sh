#!/usr/bin/env bash
# May the probe signal PID 1 (checked with the null signal, kill -0 1)?
set -euo pipefail

probe_name="proc_signal_pid1_zero"
probe_version="1"
primary_capability_id="cap_proc_signal_outside_sandbox"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="pid 1"
printf -v cmd '%q ' kill -0 1
status=error
errno=''
message=''
rc=''
out=''
err=''
pid1_comm=''
if [[ -r /proc/1/comm ]]; then
  IFS= read -r pid1_comm </proc/1/comm || true
fi
fence_run kill -0 1
rc=$FENCE_RC
out=$FENCE_OUT
err=$FENCE_ERR
if [[ $rc == 0 ]]; then
  status=success
  message="kill -0 on PID 1 (${pid1_comm:-unknown}) succeeded: the probe may signal it"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    ESRCH|EPERM|EACCES)
      status=denied
      message="kill -0 on PID 1 failed with $errno"
      ;;
    *)
      message="kill -0 1 exited $rc without a recognised errno"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category process --verb signal --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field pid1_comm "$pid1_comm" \
  --payload-raw-field signal "0"
