#!/usr/bin/env bash
# Does the fence deny creating a new file in the filesystem root / (a location no profile allows)?
set -euo pipefail

probe_name="sandbox_write_fs_root"
probe_version="2"
primary_capability_id="cap_sandbox_default_deny"
probe_platforms="linux macos"
probe_tags="write default-deny"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_create_scratch_file /

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
