#!/usr/bin/env bash
# Can the process read the basic kernel sysctl /proc/sys/kernel/ostype?
set -euo pipefail

probe_name="sys_read_proc_ostype"
probe_version="1"
primary_capability_id="cap_sysctl_read_basic"
probe_platforms="linux"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/sys/kernel/ostype
errno=''
value=''
printf -v cmd '%q ' cat "$target"
fence_run cat "$target"
rc=$FENCE_RC
err=$FENCE_ERR
if [ "$rc" -eq 0 ] && [ -n "$FENCE_OUT" ]; then
  value=$FENCE_OUT
  status=success
  message="read kernel.ostype = $value"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM) status=denied; message="reading $target was refused ($errno)" ;;
    *) status=error; message="could not read $target (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$value" --payload-stderr "$err" \
  --payload-raw-field sysctl kernel.ostype \
  --payload-raw-field value "$value"
