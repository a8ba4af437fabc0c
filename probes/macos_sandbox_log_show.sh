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
errno='' rc='' err='' lines=''
# perl's alarm bounds the run to 4 s (macOS has no timeout(1))
printf -v cmd '%q ' perl -e 'alarm shift; exec @ARGV' 4 log show --last 30s --style compact --predicate 'sender == "Sandbox"'
if ! fence_have log; then
  status=error
  message="the tool log is not on PATH"
elif ! fence_have perl; then
  status=error
  message="the tool perl (used as a timeout) is not on PATH"
elif fence_try perl -e 'alarm shift; exec @ARGV' 4 log show --last 30s --style compact --predicate 'sender == "Sandbox"'; then
  fence_count_lines "$out"
  lines=$FENCE_LINES status=success
  message="log show answered ($lines lines; messages not recorded)"
elif [[ $rc == 142 ]]; then
  status=error
  message="log show did not finish within 4 s"
else
  fence_classify_failure "EACCES EPERM" "log show was refused ({errno})" "log show failed without a policy errno (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category sandbox --verb read-log --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field lines "$lines"
