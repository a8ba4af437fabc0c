#!/usr/bin/env bash
# Can the process create a new file inside the workspace and read it back?
set -euo pipefail

probe_name="fs_write_workspace_file"
probe_version="1"
primary_capability_id="cap_fs_write_workspace_tree"
secondary_capability_ids="cap_fs_read_workspace_tree"
probe_platforms="linux macos"
probe_tags="write"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' readback='' target=''
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  shown='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  shown=$target
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc != 0 ]]; then
    fence_classify_failure "EROFS EACCES EPERM" "creating a file in the workspace was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  else
    fence_run cat "$target"
    readback=$FENCE_OUT
    if [[ $readback == "codex-fence-scratch" ]]; then
      status=success
      message="created a scratch file in the workspace and read it back"
    else
      status=partial
      message="the write succeeded but reading it back did not return the bytes written"
    fi
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$shown"

fence_emit --command "$cmd" --category fs --verb write --target "$shown" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$shown" \
  --payload-raw-field read_back "$readback" \
  --payload-raw-field host_effect_path "$shown"
