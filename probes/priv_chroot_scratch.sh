#!/usr/bin/env bash
# Can a forked child of the probe chroot into a scratch directory?
set -euo pipefail

probe_name="priv_chroot_scratch"
probe_version="1"
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
import errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
root = sys.argv[1]
made = False
try:
    os.mkdir(root, 0o700)
    made = True
except OSError:
    root = sys.argv[2]
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    try:
        os.chroot(root)
        os.chdir("/")
        os.write(w, b"ok")
    except OSError as e:
        os.write(w, ("errno " + name(e.errno)).encode())
    os._exit(0)
os.close(w)
answer = os.read(r, 200).decode() or "nothing"
os.waitpid(pid, 0)
if made:
    os.rmdir(root)
print("%s chroot root=%s" % (answer, root))
PY
policy_errnos="EPERM EACCES"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py" "$ws_dir" "${FENCE_WORKSPACE_ROOT:-}"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to call chroot(2) in a forked child"
elif [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  message="FENCE_WORKSPACE_ROOT is not set; the harness must export it"
else
  fence_run fence_python3 -c "$py" "$ws_dir" "${FENCE_WORKSPACE_ROOT:-}"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  root=
  case $out in
    *root=*) root=${out##*root=}; target=$root ;;
  esac
  case $out in
    ok*)
      status=success
      message="a forked child chrooted into $root"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="chroot into $root was refused ($errno)"
          ;;
        *)
          status=error
          message="$step failed with $errno, which is not a policy refusal"
          ;;
      esac
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)${out:+: $out}"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category privilege --verb chroot --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field new_root "$target"
