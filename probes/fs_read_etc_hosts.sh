#!/usr/bin/env bash
# Can the process open and read /etc/hosts (size recorded, content not)?
set -euo pipefail

probe_name="fs_read_etc_hosts"
probe_version="1"
primary_capability_id="cap_fs_read_system_roots"
probe_platforms="linux macos"
probe_tags="read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/etc/hosts
size=''
errno=''
printf -v cmd '%q ' wc -c "$target"
fence_run wc -c "$target"
rc=$FENCE_RC
err=$FENCE_ERR
if [ "$rc" -eq 0 ]; then
  size=${FENCE_OUT#"${FENCE_OUT%%[![:space:]]*}"}
  size=${size%%[!0-9]*}
  status=success
  message="read /etc/hosts ($size bytes; content not recorded)"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM) status=denied; message="reading /etc/hosts was refused ($errno)" ;;
    *) status=error; message="could not read /etc/hosts (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field size_bytes "$size"
