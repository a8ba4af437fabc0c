#!/usr/bin/env bash
# Can the probe connect to an AF_UNIX stream listener outside the sandbox (FENCE_UNIX_SOCKET)?
set -euo pipefail

probe_name="net_unix_connect_outside"
probe_version="1"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=${FENCE_UNIX_SOCKET:-unset}
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
s.settimeout(2)
try:
    s.connect(sys.argv[1])
    print("ok connected")
except socket.timeout:
    print("errno ETIMEDOUT connect")
except OSError as e:
    print("errno %s connect" % name(e.errno))
finally:
    s.close()
PY
policy_errnos="EPERM EACCES EROFS"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py" "${FENCE_UNIX_SOCKET:-}"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to connect an AF_UNIX socket"
elif [[ -z ${FENCE_UNIX_SOCKET:-} ]]; then
  message="FENCE_UNIX_SOCKET is not set; the harness must export it"
else
  fence_run fence_python3 -c "$py" "${FENCE_UNIX_SOCKET:-}"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="connected to the AF_UNIX listener $target outside the sandbox"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="connecting to the AF_UNIX listener $target was refused at $step ($errno)"
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
  --command "$cmd" --category network --verb connect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
