#!/usr/bin/env bash
# Can the probe exec python3 (an interpreter outside the workspace) and get its output?
set -euo pipefail

probe_name="proc_exec_python3"
probe_version="1"
primary_capability_id="cap_proc_exec_toolchain_outside_workspace"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

tool=python3
target=$tool
printf -v cmd '%q ' "$tool" -c 'print(1)'
status=error
errno=''
message=''
rc=''
out=''
err=''
if ! fence_have "$tool"; then
  message="$tool not found on PATH"
else
  target=$(command -v "$tool")
  fence_run "$tool" -c 'print(1)'
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [[ $rc == 0 && $out == 1 ]]; then
    status=success
    message="$tool ran and printed the expected output"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EACCES|EPERM)
        status=denied
        message="exec of $tool was refused ($errno)"
        ;;
      *)
        message="$tool exited $rc without the expected output"
        ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category process --verb exec --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tool "$target"
