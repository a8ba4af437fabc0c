#!/usr/bin/env bash
# Can a forked child of the probe chroot into a scratch directory?
set -euo pipefail

probe_name="priv_chroot_scratch"
probe_version="2"
primary_capability_id="cap_priv_mount_and_chroot"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

ws_dir="${FENCE_WORKSPACE_ROOT:-}/.codex-fence-${probe_name}-$$"
target=$ws_dir
cleanup() {
  rmdir "$ws_dir" 2>/dev/null || true
}
trap cleanup EXIT
IFS= read -r -d '' py <<'PY' || true
root = sys.argv[1]
made = False
try:
    os.mkdir(root, 0o700)
    made = True
except OSError:
    root = sys.argv[2]
def enter():
    os.chroot(root)
    os.chdir("/")
answer = in_child(enter)
if made:
    os.rmdir(root)
print("%s chroot root=%s" % (answer, root))
PY
fence_python_verdict "EPERM EACCES" '' '' --require FENCE_WORKSPACE_ROOT \
  "python3 not found on PATH; it is needed to call chroot(2) in a forked child" "$py" "$ws_dir" "${FENCE_WORKSPACE_ROOT:-}"
root=''
case $out in
  *root=*) root=${out##*root=}; target=$root ;;
esac
case $status in
  success) message="a forked child chrooted into $root" ;;
  denied) message="chroot into $root was refused ($errno)" ;;
esac

fence_emit --command "$cmd" --category privilege --verb chroot --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field new_root "$target"
