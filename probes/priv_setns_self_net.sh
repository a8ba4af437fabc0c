#!/usr/bin/env bash
# May the probe call setns() to (re)join a network namespace (its own, so nothing changes)?
set -euo pipefail

probe_name="priv_setns_self_net"
probe_version="1"
primary_capability_id="cap_priv_namespace_creation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/ns/net
IFS= read -r -d '' py <<'PY' || true
import ctypes, errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
libc = ctypes.CDLL(None, use_errno=True)
try:
    fd = os.open("/proc/self/ns/net", os.O_RDONLY)
except OSError as e:
    print("errno %s open" % name(e.errno))
    sys.exit(0)
try:
    if libc.setns(fd, 0x40000000) != 0:
        print("errno %s setns" % name(ctypes.get_errno()))
    else:
        print("ok setns")
finally:
    os.close(fd)
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
  message="python3 not found on PATH; it is needed to call setns"
else
  fence_run fence_python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="setns(CLONE_NEWNET) into the probe's own network namespace was allowed"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="setns(CLONE_NEWNET) was refused ($errno) at $step"
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
  --command "$cmd" --category privilege --verb setns --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
