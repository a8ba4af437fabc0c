#!/usr/bin/env bash
# Can the process write through a path with '..' segments that still resolves inside the workspace (src/../x)?
set -euo pipefail

probe_name="fs_write_workspace_dotdot_inside"
probe_version="1"
primary_capability_id="cap_fs_write_workspace_tree"
probe_platforms="linux macos"
probe_tags="write path"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' resolved=''
leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/src/../'"$leaf"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [[ ! -d $FENCE_WORKSPACE_ROOT/src ]]; then
  target="$FENCE_WORKSPACE_ROOT/src/../$leaf"
  status=error
  message="the fixture directory src/ is missing from the workspace"
else
  target="$FENCE_WORKSPACE_ROOT/src/../$leaf"
  resolved="$FENCE_WORKSPACE_ROOT/$leaf"
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc == 0 && -f $resolved ]]; then
    status=success
    message="the write through src/.. landed at the workspace root"
  elif [[ $rc == 0 ]]; then
    status=partial
    message="the write returned 0 but the file is not at the resolved workspace path"
  else
    fence_classify_failure "EROFS EACCES EPERM" "the write through src/.. was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field resolved_path "$resolved" \
  --payload-raw-field host_effect_path "${resolved:-$target}"
