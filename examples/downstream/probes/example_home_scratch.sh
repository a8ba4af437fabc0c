#!/usr/bin/env bash
# Can a command create (and remove) a scratch file directly in $HOME?
set -euo pipefail

probe_name="example_home_scratch"
probe_version="1"
primary_capability_id="cap_fs_write_user_home"
probe_platforms="linux"
probe_tags="example write"
: "${FENCE_BIN:?set FENCE_BIN to the probe helpers folder (bin/ of a codex-fence checkout)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
created=''
cleanup() {
  if [ -n "$created" ]; then rm -f -- "$created" 2>/dev/null || true; fi
}
trap cleanup EXIT

leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
if [ -z "${HOME:-}" ] || [ ! -d "${HOME:-}" ]; then
  target='$HOME/'"$leaf"
  printf -v cmd '%q ' touch "$target"
  status=error
  message="HOME is not set or is not a directory"
else
  target="${HOME%/}/$leaf"
  printf -v cmd '%q ' touch "$target"
  created=$target
  fence_run touch "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -f "$target" ]; then
    status=success
    message="created a scratch file in \$HOME (removed again)"
  elif [ "$rc" -eq 0 ]; then
    status=partial
    message="touch returned 0 but the file is not visible afterwards"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="creating a file in \$HOME was refused ($errno)" ;;
      *) status=error; message="touch failed without a policy errno (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err"
