#!/usr/bin/env bash
# Can the process read .git/config of the workspace repository?
set -euo pipefail

probe_name="fs_read_git_config"
probe_version="1"
primary_capability_id="cap_fs_read_git_metadata"
probe_platforms="linux macos"
probe_tags="read git"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

size='' has_core=''
fence_read_in_workspace .git/config "could not read .git/config (rc={rc} {errno}); is the workspace a git repository?"
if [[ $status == success ]]; then
  size=${#out}
  case $out in *'[core]'*) has_core=true ;; *) has_core=false ;; esac
  message="read .git/config ($size characters; content not recorded)"
fi

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field chars_read "$size" \
  --payload-raw-field has_core_section "$has_core"
