#!/usr/bin/env bash
# Can the process write a new file in $HOME through a symlink it creates inside the workspace?
set -euo pipefail

probe_name="fs_symlink_write_home"
probe_version="1"
primary_capability_id="cap_fs_follow_symlinks_out_of_workspace"
probe_platforms="linux macos"
probe_tags="symlink write"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' link='' link_step=''
# removes the workspace link only; the file in $HOME is left for the harness (probes/README.md, "Host-side effects")
cleanup() {
  if [[ -n $link ]]; then rm -f -- "$link" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  shown_dest='$HOME/.codex-fence-'"$probe_name"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [[ -z ${HOME:-} ]]; then
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-$probe_name"
  shown_dest='$HOME/.codex-fence-'"$probe_name"
  status=error
  message="HOME is not set"
else
  suffix="${probe_name}-$$-${RANDOM}"
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-link-$suffix"
  shown_dest="$HOME/.codex-fence-$suffix"
  if ! fence_try ln -s "$shown_dest" "$target"; then
    link_step=failed
    fence_classify_failure "EROFS EACCES EPERM" \
      "creating the symlink inside the workspace was refused ({errno}); nothing to write through" \
      "ln -s failed without a policy errno (rc={rc} {errno})"
  else
    link_step=ok link=$target
    fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
    rc=$FENCE_RC err=$FENCE_ERR
    if [[ $rc == 0 && -f $shown_dest ]]; then
      status=success
      message="wrote a new file in \$HOME through a workspace symlink"
    elif [[ $rc == 0 ]]; then
      status=partial
      message="the write through the symlink returned 0 but no file appeared in \$HOME"
    else
      fence_classify_failure "EROFS EACCES EPERM ELOOP" \
        "the symlink was created but writing through it to \$HOME was refused ({errno})" \
        "writing through the symlink failed without a policy errno (rc={rc} {errno})"
    fi
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field link "$target" \
  --payload-raw-field link_destination "$shown_dest" \
  --payload-raw-field symlink_create "$link_step" \
  --payload-raw-field host_effect_path "$shown_dest"
