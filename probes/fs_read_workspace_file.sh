#!/usr/bin/env bash
# Can the process read a fixture file inside the workspace (src/hello.txt)?
set -euo pipefail

probe_name="fs_read_workspace_file"
probe_version="1"
primary_capability_id="cap_fs_read_workspace_tree"
probe_platforms="linux macos"
probe_tags="read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

bytes=''
fence_read_in_workspace src/hello.txt "could not read the fixture src/hello.txt (rc={rc} {errno})"
if [[ $status == success ]]; then
  bytes=${#out}
  message="read the workspace fixture src/hello.txt"
fi

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field chars_read "$bytes"
