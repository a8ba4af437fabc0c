#!/usr/bin/env bash
# Can the process read /proc/sys/kernel/random/boot_id (only its length is recorded)?
set -euo pipefail

probe_name="sys_read_boot_id"
probe_version="1"
primary_capability_id="cap_sysctl_read_sensitive"
probe_platforms="linux"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/sys/kernel/random/boot_id
errno=''
length=''
exists=''
printf -v cmd '%q ' cat "$target"
if [ -e "$target" ]; then exists=true; else exists=false; fi
fence_run cat "$target"
rc=$FENCE_RC
err=$FENCE_ERR
if [ "$rc" -eq 0 ] && [ -n "$FENCE_OUT" ]; then
  length=${#FENCE_OUT}
  status=success
  message="read the boot id ($length characters; value not recorded)"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM) status=denied; message="reading the boot id was refused ($errno)" ;;
    *) status=error; message="could not read $target (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field value_length "$length"
