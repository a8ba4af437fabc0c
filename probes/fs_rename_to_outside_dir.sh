#!/usr/bin/env bash
# Can the process rename(2) a scratch file from the workspace into $FENCE_OUTSIDE_DIR (no copy fallback)?
set -euo pipefail

probe_name="fs_rename_to_outside_dir"
probe_version="1"
primary_capability_id="cap_fs_hardlink_rename_across_boundary"
probe_platforms="linux"
probe_tags="rename escape"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
out=''
src=''
create_step=''
# removes the workspace source when it was not moved; the destination is left for the harness
# (probes/README.md, "Host-side effects")
cleanup() {
  if [ -n "$src" ]; then rm -f -- "$src" 2>/dev/null || true; fi
}
trap cleanup EXIT

py='import errno, os, sys
try:
    os.rename(sys.argv[1], sys.argv[2])
    print("ok")
except OSError as e:
    print("errno " + errno.errorcode.get(e.errno, str(e.errno)))'
suffix="${probe_name}-$$-${RANDOM}"
if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  target='${FENCE_OUTSIDE_DIR}/.codex-fence-'"$suffix"
  printf -v cmd '%q ' python3 -c "$py" '${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$suffix" "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
elif [ -z "${FENCE_OUTSIDE_DIR:-}" ]; then
  target='${FENCE_OUTSIDE_DIR}/.codex-fence-'"$suffix"
  printf -v cmd '%q ' python3 -c "$py" "$FENCE_WORKSPACE_ROOT/.codex-fence-$suffix" "$target"
  status=error
  message="FENCE_OUTSIDE_DIR is not set"
else
  target="$FENCE_OUTSIDE_DIR/.codex-fence-$suffix"
  printf -v cmd '%q ' python3 -c "$py" "$FENCE_WORKSPACE_ROOT/.codex-fence-$suffix" "$target"
  if ! fence_have python3; then
    status=error
    message="the tool python3 is not on PATH"
  elif [ ! -d "$FENCE_OUTSIDE_DIR" ]; then
    status=error
    message="the directory \$FENCE_OUTSIDE_DIR does not exist"
  else
    src="$FENCE_WORKSPACE_ROOT/.codex-fence-$suffix"
    fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$src"
    if [ "$FENCE_RC" -ne 0 ]; then
      create_step=failed
      rc=$FENCE_RC
      err=$FENCE_ERR
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      case $errno in
        EROFS|EACCES|EPERM) status=denied; message="could not create the workspace file to rename: the write was refused ($errno)" ;;
        *) status=error; message="creating the workspace file failed (rc=$rc ${errno:-no errno})" ;;
      esac
    else
      create_step=ok
      fence_run fence_python3 -c "$py" "$src" "$target"
      rc=$FENCE_RC
      out=$FENCE_OUT
      err=$FENCE_ERR
      case $out in
        ok)
          status=success
          message="renamed a workspace file into \$FENCE_OUTSIDE_DIR" ;;
        'errno '*)
          errno=${out#errno }
          case $errno in
            EXDEV|EROFS|EACCES|EPERM) status=denied; message="rename(2) across the workspace boundary was refused ($errno)" ;;
            *) status=error; message="rename(2) failed without a policy errno ($errno)" ;;
          esac ;;
        *)
          status=error
          message="python3 did not report a result (rc=$rc)" ;;
      esac
    fi
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb rename --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field source "${src:-}" \
  --payload-raw-field destination "$target" \
  --payload-raw-field create_source "$create_step" \
  --payload-raw-field host_effect_path "$target"
