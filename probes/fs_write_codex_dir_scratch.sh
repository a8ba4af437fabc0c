#!/usr/bin/env bash
# Can the process create the workspace's .codex folder (mkdir -p) and then write a new file in it?
set -euo pipefail

probe_name="fs_write_codex_dir_scratch"
probe_version="1"
primary_capability_id="cap_fs_write_protected_workspace_names"
probe_platforms="linux"
probe_tags="write protected"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
dotdir=''
preexisting=''
mkdir_step=''
write_step=''
# the file is left for the harness (probes/README.md, "Host-side effects"); only an empty .codex it made is removed here
cleanup() {
  if [ "$preexisting" = false ] && [ -n "$dotdir" ]; then rmdir -- "$dotdir" 2>/dev/null || true; fi
}
trap cleanup EXIT

leaf="codex-fence-${probe_name}-$$-${RANDOM}"
if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex/'"$leaf"
  printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh '${FENCE_WORKSPACE_ROOT}/.codex' "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  dotdir="$FENCE_WORKSPACE_ROOT/.codex"
  if [ -e "$dotdir" ]; then preexisting=true; else preexisting=false; fi
  target="$dotdir/$leaf"
  printf -v cmd '%q ' sh -c 'mkdir -p "$1" && printf "%s\n" codex-fence-scratch > "$2"' sh "$dotdir" "$target"
  fence_run mkdir -p "$dotdir"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -ne 0 ]; then
    mkdir_step=failed
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="mkdir -p .codex was refused ($errno)" ;;
      *) status=error; message="mkdir -p .codex failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  else
    mkdir_step=ok
    fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
    rc=$FENCE_RC
    err=$FENCE_ERR
    if [ "$rc" -eq 0 ] && [ -f "$target" ]; then
      write_step=ok
      status=success
      message="created .codex and wrote a new file in it"
    else
      write_step=failed
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      case $errno in
        EROFS|EACCES|EPERM) status=partial; message="mkdir -p .codex succeeded but writing a file in it was refused ($errno)" ;;
        *) status=error; message="mkdir -p succeeded, the write failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
      esac
    fi
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
  --payload-raw-field dir_existed_before "$preexisting" \
  --payload-raw-field mkdir "$mkdir_step" \
  --payload-raw-field write "$write_step" \
  --payload-raw-field host_effect_path "$target"
