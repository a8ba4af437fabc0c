#!/usr/bin/env bash
# Can the process list /System/Library (entry count only)?
set -euo pipefail

probe_name="macos_read_system_library"
probe_version="2"
primary_capability_id="cap_fs_read_system_roots"
probe_platforms="macos"
probe_tags="read list system"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_list_metadata /System/Library /System/Library

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field type "$kind" \
  --payload-raw-field entries "$entries"
