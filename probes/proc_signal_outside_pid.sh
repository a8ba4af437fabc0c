#!/usr/bin/env bash
# Can the probe send a harmless signal (SIGCONT) to a harness process outside the sandbox?
set -euo pipefail

probe_name="proc_signal_outside_pid"
probe_version="1"
primary_capability_id="cap_proc_signal_outside_sandbox"
probe_platforms="linux"
probe_locks="outside-process"   # one probe at a time acts on the harness's outside process: a second PTRACE_ATTACH gets EPERM
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="pid ${FENCE_OUTSIDE_PID:-unset}"
printf -v cmd '%q ' kill -CONT "${FENCE_OUTSIDE_PID:-}"
status=error
errno=''
message=''
rc=''
out=''
err=''
if [[ -z ${FENCE_OUTSIDE_PID:-} ]]; then
  message="FENCE_OUTSIDE_PID is not set; the harness must export it"
elif ! [[ $FENCE_OUTSIDE_PID =~ ^[0-9]+$ ]]; then
  message="FENCE_OUTSIDE_PID is not a number"
else
  fence_run kill -CONT "$FENCE_OUTSIDE_PID"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [[ $rc == 0 ]]; then
    status=success
    message="SIGCONT was delivered to the harness process outside the sandbox"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      ESRCH|EPERM|EACCES)
        status=denied
        message="signalling the harness process outside the sandbox failed with $errno"
        ;;
      *)
        message="kill -CONT exited $rc without a recognised errno"
        ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category process --verb signal --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field outside_pid "${FENCE_OUTSIDE_PID:-}" \
  --payload-raw-field signal "SIGCONT" \
  --payload-raw-field host_effect_pid "${FENCE_OUTSIDE_PID:-unset}"
