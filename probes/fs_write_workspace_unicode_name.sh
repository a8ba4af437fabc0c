#!/usr/bin/env bash
# Can the process create a file with a non-ASCII (UTF-8) name inside the workspace?
set -euo pipefail

probe_name="fs_write_workspace_unicode_name"
probe_version="2"
primary_capability_id="cap_fs_write_workspace_tree"
probe_platforms="linux macos"
probe_tags="write unicode"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' target=''
leaf=".codex-fence-${probe_name}-$$-${RANDOM}-ünïcødé-名前.txt"
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  shown='${FENCE_WORKSPACE_ROOT}/'"$leaf"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/$leaf"
  shown=$target
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc == 0 && -f $target ]]; then
    status=success
    message="created a file with a UTF-8 name in the workspace"
  else
    fence_classify_failure "EROFS EACCES EPERM" "creating the UTF-8 named file was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$shown"

fence_emit --command "$cmd" --category fs --verb write --target "$shown" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$shown" \
  --payload-raw-field host_effect_path "$shown"
