#!/usr/bin/env bash
# Is the harness process outside the sandbox visible in /proc?
set -euo pipefail

probe_name="proc_outside_pid_visible"
probe_version="1"
primary_capability_id="cap_proc_host_process_visibility"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="/proc/${FENCE_OUTSIDE_PID:-unset}"
printf -v cmd '%q ' test -d "$target"
status=error errno='' message='' rc='' out='' err='' visible=''
if [[ -z ${FENCE_OUTSIDE_PID:-} ]]; then
  message="FENCE_OUTSIDE_PID is not set; the harness must export it"
elif ! [[ $FENCE_OUTSIDE_PID =~ ^[0-9]+$ ]]; then
  message="FENCE_OUTSIDE_PID is not a number"
elif [[ ! -d /proc/self ]]; then
  message="/proc is not mounted"
elif [[ -d $target ]]; then
  rc=0
  visible=yes
  status=success
  message="the harness process outside the sandbox is visible in /proc"
else
  rc=1
  visible=no
  status=denied
  errno=ESRCH
  message="the harness process outside the sandbox is not visible in /proc"
fi

fence_emit --command "$cmd" --category process --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field outside_pid "${FENCE_OUTSIDE_PID:-}" \
  --payload-raw-field visible "$visible"
