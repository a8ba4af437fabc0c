#!/usr/bin/env bash
# Can the probe create an AF_INET6 socket (and connect to ::1 when FENCE_LOOPBACK_TCP6_PORT is set)?
set -euo pipefail

probe_name="net_inet6_socket_create"
probe_version="2"
primary_capability_id="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_INET6, SOCK_STREAM)"
port6=${FENCE_LOOPBACK_TCP6_PORT:-}
if [[ -n $port6 ]]; then
  target="[::1]:$port6"
fi
IFS= read -r -d '' py <<'PY' || true
import socket
try:
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
if len(sys.argv) < 2 or not sys.argv[1]:
    s.close()
    print("ok created")
    sys.exit(0)
s.settimeout(2)
try:
    s.connect(("::1", int(sys.argv[1])))
    print("ok connected")
except socket.timeout:
    print("half ETIMEDOUT connect")
except OSError as e:
    print("half %s connect" % name(e.errno))
finally:
    s.close()
PY
connect_step=not-run
if fence_python_run "python3 not found on PATH; it is needed to create an AF_INET6 socket" "$py" "$port6"; then
  case $out in
    ok\ connected)
      connect_step=ok
      status=success
      message="created an AF_INET6 socket and connected to $target"
      ;;
    ok*)
      status=success
      message="created (and closed) an AF_INET6 socket; no connect tried because FENCE_LOOPBACK_TCP6_PORT is not set"
      ;;
    half\ *)
      errno=${out#half }
      errno=${errno%% *}
      connect_step=$errno
      status=partial
      message="creating the AF_INET6 socket worked but connecting to $target failed ($errno)"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      fence_classify_errno "EPERM EACCES" "creating an AF_INET6 socket was refused ({errno})" \
        "creating an AF_INET6 socket failed with {errno} (IPv6 may be off on this host), not a policy refusal"
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)"
      ;;
  esac
fi

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tcp6_port "$port6" \
  --payload-raw-field connect_step "$connect_step"
