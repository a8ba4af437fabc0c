#!/usr/bin/env bash
# Can the process see and list ~/Documents (existence, type and entry count only; never contents or names)?
set -euo pipefail

probe_name="macos_read_documents_metadata"
probe_version="1"
primary_capability_id="cap_fs_read_user_content"
probe_platforms="macos"
probe_tags="read list user"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_list_home_folder Documents

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field entries "$entries"
