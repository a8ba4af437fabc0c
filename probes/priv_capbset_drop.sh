#!/usr/bin/env bash
# Can a forked child of the probe drop a capability from its bounding set (prctl PR_CAPBSET_DROP)?
set -euo pipefail

probe_name="priv_capbset_drop"
probe_version="1"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=CAP_SYS_ADMIN
IFS= read -r -d '' py <<'PY' || true
import ctypes, errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
libc = ctypes.CDLL(None, use_errno=True)
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    # PR_CAPBSET_DROP (24), CAP_SYS_ADMIN (21)
    if libc.prctl(24, 21, 0, 0, 0) == 0:
        os.write(w, b"ok")
    else:
        os.write(w, ("errno " + name(ctypes.get_errno())).encode())
    os._exit(0)
os.close(w)
answer = os.read(r, 200).decode() or "nothing"
os.waitpid(pid, 0)
print("%s PR_CAPBSET_DROP" % answer)
PY
policy_errnos="EPERM EACCES"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to call prctl(PR_CAPBSET_DROP)"
else
  fence_run python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="a forked child dropped CAP_SYS_ADMIN from its bounding set (needs CAP_SETPCAP)"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) in a forked child was refused ($errno)"
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
  --command "$cmd" --category privilege --verb capset --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
