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

rc='' errno='' err='' link='' link_step=''
dest='${FENCE_OUTSIDE_DIR}/outside.txt'
cleanup() {
  if [[ -n $link ]]; then rm -f -- "$link" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [[ -z ${FENCE_OUTSIDE_DIR:-} ]]; then
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-$probe_name"
  status=error
  message="FENCE_OUTSIDE_DIR is not set"
else
  dest="$FENCE_OUTSIDE_DIR/outside.txt"
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  if [[ ! -f $dest ]]; then
    status=error
    message="the fixture \$FENCE_OUTSIDE_DIR/outside.txt is missing"
  elif ! fence_try ln -s "$dest" "$target"; then
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
fi
printf -v cmd '%q ' cat "$target"

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field link "$target" \
  --payload-raw-field link_destination "$dest" \
  --payload-raw-field symlink_create "$link_step"
