#!/usr/bin/env bash
# Can the process list and stat the user's home directory (entry count only, no names recorded)?
set -euo pipefail

probe_name="fs_list_home_dir"
probe_version="1"
primary_capability_id="cap_fs_read_user_content"
probe_platforms="linux macos"
probe_tags="read list user"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' entries='' is_dir=''
if [[ -z ${HOME:-} ]]; then
  target='$HOME'
  printf -v cmd '%q ' ls -1A "$target"
  status=error
  message="HOME is not set"
else
  target=$HOME
  if [[ -d $target ]]; then is_dir=true; else is_dir=false; fi
  if fence_try ls -1A "$target"; then
    fence_count_lines "$out"
    entries=$FENCE_LINES status=success
    message="listed \$HOME ($entries entries; names not recorded)"
  else
    fence_classify_failure "EACCES EPERM" "listing \$HOME was refused ({errno})" "could not list \$HOME (rc={rc} {errno})"
  fi
fi

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field path "$target" \
  --payload-raw-field is_directory "$is_dir" \
  --payload-raw-field entries "$entries"
