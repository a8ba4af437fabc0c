#!/usr/bin/env bash
# Can the probe send a UDP datagram to the host's 127.0.0.1 echo socket and get it back?
set -euo pipefail

probe_name="net_udp_echo_loopback"
probe_version="2"
primary_capability_id="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="127.0.0.1:${FENCE_LOOPBACK_UDP_PORT:-unset}"
IFS= read -r -d '' py <<'PY' || true
import socket
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
fence_python_verdict "EPERM EACCES ECONNREFUSED ENETUNREACH EHOSTUNREACH ETIMEDOUT EADDRNOTAVAIL" \
  "a UDP datagram to $target came back from the echo socket" "UDP to $target failed at {step} ({errno})" \
  --require FENCE_LOOPBACK_UDP_PORT "python3 not found on PATH; it is needed to send a UDP datagram" "$py" "${FENCE_LOOPBACK_UDP_PORT:-}"

fence_emit --command "$cmd" --category network --verb send --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
