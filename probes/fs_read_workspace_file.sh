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

rc='' errno='' out='' err='' bytes=''
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/src/hello.txt'
  printf -v cmd '%q ' cat "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/src/hello.txt"
  if fence_try cat "$target"; then
    bytes=${#out}
    status=success
    message="read the workspace fixture src/hello.txt"
  else
    fence_classify_failure "EACCES EPERM" "reading src/hello.txt was refused ({errno})" \
      "could not read the fixture src/hello.txt (rc={rc} {errno})"
  fi
fi

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field chars_read "$bytes"
