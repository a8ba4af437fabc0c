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

rc=''
errno=''
err=''
resolved=''
leaf=".codex-fence-${probe_name}-$$-${RANDOM}"

if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  target='${FENCE_WORKSPACE_ROOT}/src/../'"$leaf"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [ ! -d "$FENCE_WORKSPACE_ROOT/src" ]; then
  target="$FENCE_WORKSPACE_ROOT/src/../$leaf"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  status=error
  message="the fixture directory src/ is missing from the workspace"
else
  target="$FENCE_WORKSPACE_ROOT/src/../$leaf"
  resolved="$FENCE_WORKSPACE_ROOT/$leaf"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -f "$resolved" ]; then
    status=success
    message="the write through src/.. landed at the workspace root"
  elif [ "$rc" -eq 0 ]; then
    status=partial
    message="the write returned 0 but the file is not at the resolved workspace path"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="the write through src/.. was refused ($errno)" ;;
      *) status=error; message="the write failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field resolved_path "$resolved" \
  --payload-raw-field host_effect_path "${resolved:-$target}"
