#!/usr/bin/env bash
# Can the process read a file outside the workspace through a symlink it creates inside the workspace?
set -euo pipefail

probe_name="fs_symlink_read_outside"
probe_version="1"
primary_capability_id="cap_fs_follow_symlinks_out_of_workspace"
probe_platforms="linux macos"
probe_tags="symlink read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

link='' link_step=''
cleanup() {
  if [[ -n $link ]]; then rm -f -- "$link" 2>/dev/null || true; fi
}
trap cleanup EXIT

if ! fence_workspace_link_to_outside; then
  link_step=''
elif ! fence_try ln -s "$fixture" "$target"; then
  link_step=failed
  fence_classify_failure "EROFS EACCES EPERM" \
    "creating the symlink inside the workspace was refused ({errno}); nothing to follow" \
    "ln -s failed without a policy errno (rc={rc} {errno})"
else
  link_step=ok link=$target
  if fence_try cat "$target"; then
    status=success
    message="read ${#out} characters of \$FENCE_OUTSIDE_DIR/outside.txt through a workspace symlink"
  else
    fence_classify_failure "EACCES EPERM ELOOP" "the symlink was created but reading through it was refused ({errno})" \
      "reading through the symlink failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' cat "$target"

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field link "$target" \
  --payload-raw-field link_destination "$fixture" \
  --payload-raw-field symlink_create "$link_step"
