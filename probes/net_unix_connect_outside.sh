#!/usr/bin/env bash
# Can the probe connect to an AF_UNIX stream listener outside the sandbox (FENCE_UNIX_SOCKET)?
set -euo pipefail

probe_name="net_unix_connect_outside"
probe_version="2"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=${FENCE_UNIX_SOCKET:-unset}
IFS= read -r -d '' py <<'PY' || true
import socket
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
fence_python_verdict "EPERM EACCES EROFS" "connected to the AF_UNIX listener $target outside the sandbox" \
  "connecting to the AF_UNIX listener $target was refused at {step} ({errno})" \
  --require FENCE_UNIX_SOCKET "python3 not found on PATH; it is needed to connect an AF_UNIX socket" "$py" "${FENCE_UNIX_SOCKET:-}"

fence_emit --command "$cmd" --category network --verb connect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
