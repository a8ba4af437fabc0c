#!/usr/bin/env bash
# Can the process list and stat the user's home directory (entry count only, no names recorded)?
set -euo pipefail

probe_name="fs_list_home_dir"
probe_version="1"
primary_capability_id="cap_fs_read_user_content"
probe_platforms="linux macos"
probe_tags="read list user"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
entries=''
is_dir=''
if [ -z "${HOME:-}" ]; then
  target='$HOME'
  printf -v cmd '%q ' ls -1A "$target"
  status=error
  message="HOME is not set"
else
  target=$HOME
  printf -v cmd '%q ' ls -1A "$target"
  if [ -d "$target" ]; then is_dir=true; else is_dir=false; fi
  fence_run ls -1A "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ]; then
    entries=0
    if [ -n "$FENCE_OUT" ]; then
      entries=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' ')
    fi
    status=success
    message="listed \$HOME ($entries entries; names not recorded)"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EACCES|EPERM) status=denied; message="listing \$HOME was refused ($errno)" ;;
      *) status=error; message="could not list \$HOME (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field is_directory "$is_dir" \
  --payload-raw-field entries "$entries"
