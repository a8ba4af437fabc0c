#!/usr/bin/env bash
# Can the process delete a file it created itself inside the workspace?
set -euo pipefail

probe_name="fs_delete_workspace_file"
probe_version="2"
primary_capability_id="cap_fs_write_workspace_tree"
probe_platforms="linux macos"
probe_tags="write delete"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' target='' create_step=''
cleanup() {
  if [[ -n $target ]]; then rm -f -- "$target" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  shown='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  printf -v cmd '%q ' rm -- "$shown"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  shown=$target
  printf -v cmd '%q ' rm -- "$target"
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  if [[ $FENCE_RC != 0 ]]; then
    create_step=failed rc=$FENCE_RC err=$FENCE_ERR
    fence_classify_failure "EROFS EACCES EPERM" \
      "could not create the file to delete: the workspace write was refused ({errno})" \
      "creating the file to delete failed (rc={rc} {errno})"
  else
    create_step=ok
    fence_run rm -- "$target"
    rc=$FENCE_RC err=$FENCE_ERR
    if [[ $rc == 0 && ! -e $target ]]; then
      status=success
      message="created and deleted a scratch file in the workspace"
    else
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO status=partial
      message="creating the file succeeded, deleting it failed (${errno:-rc=$rc})"
    fi
  fi
fi

fence_emit --command "$cmd" --category fs --verb delete --target "$shown" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$shown" \
  --payload-raw-field create "$create_step" \
  --payload-raw-field host_effect_path "$shown" --payload-raw-field host_effect_expect absent
