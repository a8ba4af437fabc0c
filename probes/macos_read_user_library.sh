#!/usr/bin/env bash
# Can the process list ~/Library (existence, type and entry count only; no names or bytes)?
set -euo pipefail

probe_name="macos_read_user_library"
probe_version="1"
primary_capability_id="cap_fs_read_user_content"
probe_platforms="macos"
probe_tags="read list user"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_list_home_folder Library

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field entries "$entries"
