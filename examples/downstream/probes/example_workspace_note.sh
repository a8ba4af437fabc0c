#!/usr/bin/env bash
# Can a command write a note inside the workspace and read it back?
set -euo pipefail

probe_name="example_workspace_note"
probe_version="1"
primary_capability_id="cap_fs_write_workspace_tree"
probe_platforms="linux macos"
probe_tags="example write"
: "${FENCE_BIN:?set FENCE_BIN to the probe helpers folder (bin/ of a codex-fence checkout)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
target=''
cleanup() {
  if [ -n "$target" ]; then rm -f -- "$target" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  shown='${FENCE_WORKSPACE_ROOT}/.example-note'
  printf -v cmd '%q ' sh -c 'printf "%s\n" note > "$1"' sh "$shown"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/.example-note-${probe_name}-$$-${RANDOM}"
  shown=$target
  printf -v cmd '%q ' sh -c 'printf "%s\n" note > "$1"' sh "$target"
  fence_run sh -c 'printf "%s\n" note > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ "$(cat -- "$target" 2>/dev/null || true)" = "note" ]; then
    status=success
    message="wrote a note in the workspace and read it back (removed again)"
  elif [ "$rc" -eq 0 ]; then
    status=partial
    message="the write returned 0 but reading the note back failed"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="writing in the workspace was refused ($errno)" ;;
      *) status=error; message="the write failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb write --target "$shown" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err"
