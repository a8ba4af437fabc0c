#!/usr/bin/env bash
# Can the process list /System/Library (entry count only)?
set -euo pipefail

probe_name="macos_read_system_library"
probe_version="1"
primary_capability_id="cap_fs_read_system_roots"
probe_platforms="macos"
probe_tags="read list system"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
exists=''
kind=''
entries=''
target=/System/Library
printf -v cmd '%q ' ls -1A "$target"
fence_run ls -1A "$target"
rc=$FENCE_RC
fence_errno_from_text "$FENCE_ERR"
if [ "$rc" -eq 0 ]; then
  exists=true
  if [ -d "$target" ]; then kind=directory; else kind=other; fi
  entries=0
  if [ -n "$FENCE_OUT" ]; then entries=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' '); fi
  status=success
  message="listed /System/Library ($entries entries; names not recorded)"
else
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM)
      # a refused listing may still leave the metadata visible
      if [ -d "$target" ]; then exists=true; kind=directory; fi
      status=denied
      message="listing /System/Library was refused ($errno)" ;;
    *)
      status=error
      message="ls /System/Library failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field entries "$entries"
