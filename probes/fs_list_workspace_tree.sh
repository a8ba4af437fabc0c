#!/usr/bin/env bash
# Can the process list the workspace tree (find, depth 3, outside .git)?
set -euo pipefail

probe_name="fs_list_workspace_tree"
probe_version="1"
primary_capability_id="cap_fs_read_workspace_tree"
probe_platforms="linux macos"
probe_tags="read list"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' entries='' fixtures=''
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}'
else
  target=${FENCE_WORKSPACE_ROOT%/}
fi
printf -v cmd '%q ' find "$target" -maxdepth 3 -path "$target/.git" -prune -o -print
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif ! fence_have find; then
  status=error
  message="the tool find is not on PATH"
else
  fence_run find "$target" -maxdepth 3 -path "$target/.git" -prune -o -print
  rc=$FENCE_RC err=$FENCE_ERR listing=$FENCE_OUT
  fence_count_lines "$listing"
  entries=$FENCE_LINES fixtures=0
  case $'\n'"$listing"$'\n' in *$'\n'"$target/README.md"$'\n'*) fixtures=$((fixtures + 1)) ;; esac
  case $'\n'"$listing"$'\n' in *$'\n'"$target/src/hello.txt"$'\n'*) fixtures=$((fixtures + 1)) ;; esac
  if [[ $rc == 0 && $fixtures == 2 ]]; then
    status=success
    message="listed $entries entries, both fixtures seen"
  elif [[ $rc == 0 ]]; then
    status=error
    message="the listing worked but the fixtures README.md and src/hello.txt were not both seen"
  else
    fence_classify_failure "EACCES EPERM" "listing the workspace was refused ({errno})" "find failed (rc={rc} {errno})"
    if [[ $status == denied && $fixtures -gt 0 ]]; then
      status=partial
      message="part of the tree was listed, some directory refused ($errno)"
    fi
  fi
fi

fence_emit --command "$cmd" --category fs --verb list --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field entries "$entries" \
  --payload-raw-field fixtures_seen "$fixtures"
