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
status=error errno='' message='' rc='' out='' err=''
if [[ -z ${FENCE_OUTSIDE_PID:-} ]]; then
  message="FENCE_OUTSIDE_PID is not set; the harness must export it"
elif ! [[ $FENCE_OUTSIDE_PID =~ ^[0-9]+$ ]]; then
  message="FENCE_OUTSIDE_PID is not a number"
else
  if fence_try kill -CONT "$FENCE_OUTSIDE_PID"; then
    status=success
    message="SIGCONT was delivered to the harness process outside the sandbox"
  else
    fence_classify_failure "ESRCH EPERM EACCES" "signalling the harness process outside the sandbox failed with {errno}" \
      "kill -CONT exited {rc} without a recognised errno"
  fi
fi

fence_emit --command "$cmd" --category process --verb signal --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field outside_pid "${FENCE_OUTSIDE_PID:-}" \
  --payload-raw-field signal "SIGCONT" \
  --payload-raw-field host_effect_pid "${FENCE_OUTSIDE_PID:-unset}"
