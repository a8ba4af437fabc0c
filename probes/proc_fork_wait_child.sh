#!/usr/bin/env bash
# Can the probe fork a child process and wait for its exit status?
set -euo pipefail

probe_name="proc_fork_wait_child"
probe_version="1"
primary_capability_id="cap_proc_fork_and_child_spawn"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=subshell
cmd='( exit 7 ) & wait "$!"'
status=error errno='' message='' rc='' out='' err='' child_pid='' child_pid_ok=no
fork_child() {
  local pid code=0
  ( exit 7 ) &
  pid=$!
  wait "$pid" || code=$?
  printf '%s %s' "$pid" "$code"
}
fence_run fork_child
err=$FENCE_ERR
out=$FENCE_OUT
child_pid=${out%% *}
rc=${out##* }
if [[ $FENCE_RC != 0 || -z $out ]]; then
  rc=$FENCE_RC
  fence_classify_failure "EPERM EACCES" "fork was refused ({errno})" "fork of a subshell failed (exit {rc})"
elif [[ $rc == 7 && $child_pid =~ ^[0-9]+$ && $child_pid != "$$" ]]; then
  child_pid_ok=yes
  status=success
  message="forked a subshell child with its own pid, waited for it and got its exit status 7"
else
  message="the forked child did not report exit status 7 (got '$rc')"
fi

fence_emit --command "$cmd" --category process --verb fork --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field child_pid "$child_pid" \
  --payload-raw-field child_pid_differs "$child_pid_ok"
