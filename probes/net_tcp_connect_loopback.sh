#!/usr/bin/env bash
# Can the probe open a TCP connection to a listener on the host's 127.0.0.1?
set -euo pipefail

probe_name="net_tcp_connect_loopback"
probe_version="1"
primary_capability_id="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="127.0.0.1:${FENCE_LOOPBACK_TCP_PORT:-unset}"
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
try:
    s = socket.socket(family, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
s.settimeout(2)
try:
    s.connect((host, port))
    print("ok connected")
except socket.timeout:
    print("errno ETIMEDOUT connect")
except socket.gaierror as e:
    print("errno EAI_%s getaddrinfo" % ("AGAIN" if e.errno == socket.EAI_AGAIN else "NONAME"))
except OSError as e:
    print("errno %s connect" % name(e.errno))
finally:
    s.close()
PY
policy_errnos="EPERM EACCES ECONNREFUSED ENETUNREACH EHOSTUNREACH ETIMEDOUT EADDRNOTAVAIL"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py" 127.0.0.1 "${FENCE_LOOPBACK_TCP_PORT:-}"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to open a TCP connection"
elif [[ -z ${FENCE_LOOPBACK_TCP_PORT:-} ]]; then
  message="FENCE_LOOPBACK_TCP_PORT is not set; the harness must export it"
else
  fence_run fence_python3 -c "$py" 127.0.0.1 "${FENCE_LOOPBACK_TCP_PORT:-}"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="TCP connect to the host loopback listener $target succeeded"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="TCP to the host loopback listener $target was refused at $step ($errno)"
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
