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

rc=''
errno=''
err=''
link=''
link_step=''
dest='${FENCE_OUTSIDE_DIR}/outside.txt'
cleanup() {
  if [ -n "$link" ]; then rm -f -- "$link" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  printf -v cmd '%q ' cat "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [ -z "${FENCE_OUTSIDE_DIR:-}" ]; then
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-$probe_name"
  printf -v cmd '%q ' cat "$target"
  status=error
  message="FENCE_OUTSIDE_DIR is not set"
else
  dest="$FENCE_OUTSIDE_DIR/outside.txt"
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  printf -v cmd '%q ' cat "$target"
  if [ ! -f "$dest" ]; then
    status=error
    message="the fixture \$FENCE_OUTSIDE_DIR/outside.txt is missing"
  else
    fence_run ln -s "$dest" "$target"
    if [ "$FENCE_RC" -ne 0 ]; then
      link_step=failed
      rc=$FENCE_RC
      err=$FENCE_ERR
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      case $errno in
        EROFS|EACCES|EPERM) status=denied; message="creating the symlink inside the workspace was refused ($errno); nothing to follow" ;;
        *) status=error; message="ln -s failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
      esac
    else
      link_step=ok
      link=$target
      fence_run cat "$target"
      rc=$FENCE_RC
      err=$FENCE_ERR
      if [ "$rc" -eq 0 ]; then
        status=success
        message="read ${#FENCE_OUT} characters of \$FENCE_OUTSIDE_DIR/outside.txt through a workspace symlink"
      else
        fence_errno_from_text "$err"
        errno=$FENCE_ERRNO
        case $errno in
          EACCES|EPERM|ELOOP) status=denied; message="the symlink was created but reading through it was refused ($errno)" ;;
          *) status=error; message="reading through the symlink failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
        esac
      fi
    fi
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field link "$target" \
  --payload-raw-field link_destination "$dest" \
  --payload-raw-field symlink_create "$link_step"
