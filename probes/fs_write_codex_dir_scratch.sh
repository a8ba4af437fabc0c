#!/usr/bin/env bash
# Can the process create the workspace's .codex folder (mkdir -p) and then write a new file in it?
set -euo pipefail

probe_name="fs_write_codex_dir_scratch"
probe_version="3"
primary_capability_id="cap_fs_write_protected_workspace_names"
probe_platforms="linux"
probe_tags="write protected"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

# the file is left for the harness (probes/README.md, "Host-side effects"); only an empty .codex it made is removed here
trap fence_remove_made_dotdir EXIT
fence_write_in_workspace_dotdir .codex

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field dir_existed_before "$preexisting" \
  --payload-raw-field mkdir "$mkdir_step" \
  --payload-raw-field write "$write_step" \
  --payload-raw-field host_effect_path "$target"
