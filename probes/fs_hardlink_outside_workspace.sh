#!/usr/bin/env bash
# Can the process create a hard link inside the workspace to a file outside it ($FENCE_OUTSIDE_DIR/outside.txt)?
set -euo pipefail

probe_name="fs_hardlink_outside_workspace"
probe_version="1"
primary_capability_id="cap_fs_hardlink_rename_across_boundary"
probe_platforms="linux"
probe_tags="hardlink escape"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

# the link is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects"); the outside fixture is never touched
if fence_workspace_link_to_outside; then
  if fence_try ln "$fixture" "$target"; then
    status=success
    message="hard-linked the outside file into the workspace"
  else
    fence_classify_failure "EXDEV EROFS EACCES EPERM" "the hard link across the workspace boundary was refused ({errno})" \
      "ln failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' ln "$fixture" "$target"

fence_emit --command "$cmd" --category fs --verb link --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field link "$target" \
  --payload-raw-field source "$fixture" \
  --payload-raw-field host_effect_path "$target"
