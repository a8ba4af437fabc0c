#!/usr/bin/env bash
# Can the process write to /dev/null and read 16 bytes from /dev/zero?
set -euo pipefail

probe_name="fs_dev_null_zero"
probe_version="1"
primary_capability_id="cap_fs_device_nodes"
probe_platforms="linux"
probe_tags="device"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="/dev/null /dev/zero"
errno='' err='' null_step='' zero_step='' zero_bytes=''
printf -v cmd '%q ' sh -c 'printf x > /dev/null && head -c 16 /dev/zero | wc -c'
fence_run sh -c 'printf x > /dev/null'
rc=$FENCE_RC
if [[ $rc == 0 ]]; then
  null_step=ok
else
  null_step=failed err=$FENCE_ERR
fi
fence_run sh -c 'head -c 16 /dev/zero | wc -c'
zero_bytes=${FENCE_OUT//[[:space:]]/}
if [[ $FENCE_RC == 0 && $zero_bytes == 16 ]]; then
  zero_step=ok
else
  zero_step=failed rc=$FENCE_RC
  err="$err${err:+ | }$FENCE_ERR"
fi
if [[ $null_step == ok && $zero_step == ok ]]; then
  status=success
  message="wrote to /dev/null and read 16 bytes from /dev/zero"
elif [[ $null_step == ok || $zero_step == ok ]]; then
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO status=partial
  message="/dev/null write: $null_step; /dev/zero read: $zero_step ${errno:+($errno)}"
else
  fence_classify_failure "EACCES EPERM EROFS" "both device accesses were refused ({errno})" \
    "both device accesses failed without a policy errno (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category fs --verb readwrite --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field dev_null_write "$null_step" \
  --payload-raw-field dev_zero_read "$zero_step" \
  --payload-raw-field dev_zero_bytes "$zero_bytes"
