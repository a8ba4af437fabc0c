#!/usr/bin/env bash
# Can the process create a new uniquely named file in /etc (deleted afterwards; no existing file is touched)?
set -euo pipefail

probe_name="fs_write_etc_scratch"
probe_version="1"
primary_capability_id="cap_fs_write_system_roots"
probe_platforms="linux"
probe_tags="write system"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
target=''

base=/etc
leaf=".codex-fence-${probe_name}-$$-${RANDOM}"
if [ ! -d "$base" ]; then
  target="${base%/}/$leaf"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  status=error
  message="the directory $base does not exist here"
else
  target="${base%/}/$leaf"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  rc=$FENCE_RC
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -f "$target" ]; then
    status=success
    message="created a new scratch file in $base"
  elif [ "$rc" -eq 0 ]; then
    status=partial
    message="the write returned 0 but the file is not visible afterwards"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EROFS|EACCES|EPERM) status=denied; message="creating a file in $base was refused ($errno)" ;;
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
  --payload-raw-field host_effect_path "$target"
