#!/usr/bin/env bash
# Can the probe send a UDP datagram to the host's 127.0.0.1 echo socket and get it back?
set -euo pipefail

probe_name="net_udp_echo_loopback"
probe_version="1"
primary_capability_id="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="127.0.0.1:${FENCE_LOOPBACK_UDP_PORT:-unset}"
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
port = int(sys.argv[1])
msg = b"codex-fence-udp-probe"
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
s.settimeout(2)
step = "sendto"
try:
    s.sendto(msg, ("127.0.0.1", port))
    step = "recv"
    data = s.recv(256)
    if data == msg:
        print("ok echoed")
    else:
        print("mismatch the reply differs from what was sent")
except socket.timeout:
    print("errno ETIMEDOUT %s" % step)
except OSError as e:
    print("errno %s %s" % (name(e.errno), step))
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
printf -v cmd '%q ' python3 -c "$py" "${FENCE_LOOPBACK_UDP_PORT:-}"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to send a UDP datagram"
elif [[ -z ${FENCE_LOOPBACK_UDP_PORT:-} ]]; then
  message="FENCE_LOOPBACK_UDP_PORT is not set; the harness must export it"
else
  fence_run fence_python3 -c "$py" "${FENCE_LOOPBACK_UDP_PORT:-}"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="a UDP datagram to $target came back from the echo socket"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="UDP to $target failed at $step ($errno)"
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
  --command "$cmd" --category network --verb send --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
