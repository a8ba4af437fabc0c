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
status=error errno='' message='' rc='' out='' err='' pid1_comm=''
if [[ -r /proc/1/comm ]]; then
  IFS= read -r pid1_comm </proc/1/comm || true
fi
if fence_try kill -0 1; then
  status=success
  message="kill -0 on PID 1 (${pid1_comm:-unknown}) succeeded: the probe may signal it"
else
  fence_classify_failure "ESRCH EPERM EACCES" "kill -0 on PID 1 failed with {errno}" "kill -0 1 exited {rc} without a recognised errno"
fi

fence_emit --command "$cmd" --category process --verb signal --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field pid1_comm "$pid1_comm" \
  --payload-raw-field signal "0"
