#!/usr/bin/env bash
# Can the process create a new file inside the workspace's .git directory (a unique name in .git/hooks)?
set -euo pipefail

probe_name="fs_write_git_hooks_scratch"
probe_version="2"
primary_capability_id="cap_fs_write_protected_workspace_names"
probe_platforms="linux"
probe_tags="write protected git"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err=''
leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/.git/hooks/'"$leaf"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [[ ! -d $FENCE_WORKSPACE_ROOT/.git ]]; then
  target="$FENCE_WORKSPACE_ROOT/.git/hooks/$leaf"
  status=error
  message="the workspace has no .git directory"
else
  # .git/hooks when git created it, else .git itself (recorded in payload.raw.path)
  if [[ -d $FENCE_WORKSPACE_ROOT/.git/hooks ]]; then
    target="$FENCE_WORKSPACE_ROOT/.git/hooks/$leaf"
  else
    target="$FENCE_WORKSPACE_ROOT/.git/$leaf"
  fi
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc == 0 && -f $target ]]; then
    status=success
    message="created a new file inside .git"
  else
    fence_classify_failure "EROFS EACCES EPERM" "creating a file inside .git was refused ({errno})" \
      "the write failed without a policy errno (rc={rc} {errno})"
  fi
fi
printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
