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
entries='' errno=''
if fence_try ls -1A "$target"; then
  fence_count_lines "$out"
  entries=$FENCE_LINES status=success
  message="listed /usr/bin ($entries entries)"
else
  fence_classify_failure "EACCES EPERM" "listing /usr/bin was refused ({errno})" "could not list /usr/bin (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field entries "$entries"
