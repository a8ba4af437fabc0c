#!/usr/bin/env bash
# Can the process create a new uniquely named file in /etc (deleted afterwards; no existing file is touched)?
set -euo pipefail

probe_name="fs_write_etc_scratch"
probe_version="2"
primary_capability_id="cap_fs_write_system_roots"
probe_platforms="linux"
probe_tags="write system"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_create_scratch_file /etc

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
