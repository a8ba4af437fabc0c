#!/usr/bin/env bash
# Can the process read the unified log's recent Sandbox (deny/debug) messages with `log show`?
set -euo pipefail

probe_name="macos_sandbox_log_show"
probe_version="1"
primary_capability_id="cap_sandbox_debug_and_trace_logging"
probe_platforms="macos"
probe_tags="sandbox logging"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target='unified log, sender == "Sandbox", last 30s'
errno=''
rc=''
err=''
lines=''
# perl's alarm bounds the run to 4 s (macOS has no timeout(1))
printf -v cmd '%q ' perl -e 'alarm shift; exec @ARGV' 4 log show --last 30s --style compact --predicate 'sender == "Sandbox"'
if ! fence_have log; then
  status=error
  message="the tool log is not on PATH"
elif ! fence_have perl; then
  status=error
  message="the tool perl (used as a timeout) is not on PATH"
else
  fence_run perl -e 'alarm shift; exec @ARGV' 4 log show --last 30s --style compact --predicate 'sender == "Sandbox"'
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ]; then
    lines=0
    if [ -n "$FENCE_OUT" ]; then lines=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' '); fi
    status=success
    message="log show answered ($lines lines; messages not recorded)"
  elif [ "$rc" -eq 142 ]; then
    status=error
    message="log show did not finish within 4 s"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EACCES|EPERM) status=denied; message="log show was refused ($errno)" ;;
      *) status=error; message="log show failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category sandbox --verb read-log --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field lines "$lines"
