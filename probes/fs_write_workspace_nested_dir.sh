#!/usr/bin/env bash
# Can the process create a nested directory tree in the workspace and put a file in it?
set -euo pipefail

probe_name="fs_write_workspace_nested_dir"
probe_version="3"
primary_capability_id="cap_fs_write_workspace_tree"
probe_platforms="linux macos"
probe_tags="write mkdir"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' top='' file='' mkdir_step='' write_step=''
# the file is left for the harness, which checks it on the host and removes it with the folders that leaves
# empty (probes/README.md, "Host-side effects"); without the file, the probe removes its empty tree itself
remove_empty_tree() {
  if [[ -n ${FENCE_WORKSPACE_ROOT:-} && -n $top && ! -e $file ]]; then
    rmdir -- "$top/a/b/c" "$top/a/b" "$top/a" "$top" 2>/dev/null || true
  fi
}
trap remove_empty_tree EXIT

if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  top='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  shown="$top/a/b/c"
  file="$shown/.codex-fence-$probe_name"
  printf -v cmd '%q ' mkdir -p "$shown"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  top="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  shown="$top/a/b/c"
  file="$shown/.codex-fence-${probe_name}-$$-${RANDOM}"
  if ! fence_try mkdir -p "$shown" || [[ ! -d $shown ]]; then
    mkdir_step=failed
    fence_classify_failure "EROFS EACCES EPERM" "mkdir -p in the workspace was refused ({errno})" \
      "mkdir -p failed without a policy errno (rc={rc} {errno})"
  else
    mkdir_step=ok
    fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$file"
    if [[ $FENCE_RC == 0 && -f $file ]]; then
      write_step=ok status=success
      message="created a/b/c with a file in it"
    else
      write_step=failed rc=$FENCE_RC err=$FENCE_ERR
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO status=partial
      message="mkdir -p succeeded but writing the leaf file failed (${errno:-rc=$rc})"
    fi
  fi
fi

fence_emit --command "$cmd" --category fs --verb mkdir --target "$shown" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$shown" \
  --payload-raw-field mkdir "$mkdir_step" \
  --payload-raw-field write "$write_step" \
  --payload-raw-field host_effect_path "$file"
