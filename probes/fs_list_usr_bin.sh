#!/usr/bin/env bash
# Can the process list the system directory /usr/bin?
set -euo pipefail

probe_name="fs_list_usr_bin"
probe_version="1"
primary_capability_id="cap_fs_read_system_roots"
probe_platforms="linux macos"
probe_tags="read list"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/usr/bin
entries=''
errno=''
printf -v cmd '%q ' ls -1A "$target"
fence_run ls -1A "$target"
rc=$FENCE_RC
err=$FENCE_ERR
if [ "$rc" -eq 0 ]; then
  entries=0
  if [ -n "$FENCE_OUT" ]; then
    entries=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' ')
  fi
  status=success
  message="listed /usr/bin ($entries entries)"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM) status=denied; message="listing /usr/bin was refused ($errno)" ;;
    *) status=error; message="could not list /usr/bin (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field entries "$entries"
