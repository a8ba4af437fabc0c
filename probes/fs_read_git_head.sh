#!/usr/bin/env bash
# Can the process read .git/HEAD of the workspace repository?
set -euo pipefail

probe_name="fs_read_git_head"
probe_version="1"
primary_capability_id="cap_fs_read_git_metadata"
probe_platforms="linux macos"
probe_tags="read git"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

size='' head_kind=''
fence_read_in_workspace .git/HEAD "could not read .git/HEAD (rc={rc} {errno}); is the workspace a git repository?"
if [[ $status == success ]]; then
  size=${#out}
  case $out in 'ref: '*) head_kind=symbolic-ref ;; *) head_kind=detached ;; esac
  message="read .git/HEAD ($head_kind)"
fi

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field chars_read "$size" \
  --payload-raw-field head_kind "$head_kind"
