#!/usr/bin/env bash
# Can the process create a new scratch file in /tmp, outside the workspace?
set -euo pipefail

probe_name="fs_write_tmp_scratch"
probe_version="2"
primary_capability_id="cap_fs_write_outside_workspace_tmp"
probe_platforms="linux"
probe_tags="write"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_create_scratch_file /tmp

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
