#!/usr/bin/env bash
# Can the probe mount a tmpfs on a scratch directory (unmounted at once)?
set -euo pipefail

probe_name="priv_mount_tmpfs"
probe_version="2"
primary_capability_id="cap_priv_mount_and_chroot"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

ws_dir="${FENCE_WORKSPACE_ROOT:-}/.codex-fence-${probe_name}-$$"
shm_dir="/dev/shm/.codex-fence-${probe_name}-$$"
target=$ws_dir
cleanup() {
  rmdir "$ws_dir" "$shm_dir" 2>/dev/null || true
}
trap cleanup EXIT
IFS= read -r -d '' py <<'PY' || true
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
point = None
for d in sys.argv[1:]:
    try:
        os.mkdir(d, 0o700)
        point = d
        break
    except OSError as e:
        last = e.errno
if point is None:
    print("scratch %s mkdir" % name(last))
    sys.exit(0)
try:
    # MS_NOSUID|MS_NODEV|MS_NOEXEC
    r = libc.mount(b"codex-fence-probe", point.encode(), b"tmpfs", ctypes.c_ulong(2 | 4 | 8), b"size=64k,mode=700")
    if r != 0:
        print("errno %s mount point=%s" % (name(ctypes.get_errno()), point))
    else:
        u = libc.umount2(point.encode(), 0)
        if u != 0:
            libc.umount2(point.encode(), 2)
        print("ok mounted point=%s umount=%s" % (point, "ok" if u == 0 else "detached"))
finally:
    try:
        os.rmdir(point)
    except OSError:
        pass
PY
point=''
if fence_python_run --require FENCE_WORKSPACE_ROOT "python3 not found on PATH; it is needed to call mount(2)" \
  "$py" "$ws_dir" "$shm_dir"; then
  case $out in
    *point=*)
      point=${out##*point=}
      point=${point%% *}
      target=$point
      ;;
  esac
  case $out in
    ok*)
      status=success
      message="mounted a tmpfs on $point and unmounted it right away"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      fence_classify_errno "EPERM EACCES" "mount(2) of a tmpfs on $point was refused ({errno})" \
        "mount(2) failed with {errno}, which is not a policy refusal"
      ;;
    scratch\ *)
      errno=${out#scratch }
      errno=${errno%% *}
      message="no scratch mount point could be created in the workspace or /dev/shm ($errno)"
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)"
      ;;
  esac
fi

fence_emit --command "$cmd" --category privilege --verb mount --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field mount_point "$point"
