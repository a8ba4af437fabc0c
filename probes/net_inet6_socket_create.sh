#!/usr/bin/env bash
# Can the probe create an AF_INET6 socket (and connect to ::1 when FENCE_LOOPBACK_TCP6_PORT is set)?
set -euo pipefail

probe_name="net_inet6_socket_create"
probe_version="1"
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
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
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
printf -v cmd '%q ' python3 -c "$py" "$port6"
status=error
errno=''
message=''
rc=''
out=''
err=''
connect_step=not-run
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to create an AF_INET6 socket"
else
  fence_run fence_python3 -c "$py" "$port6"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
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
      case $errno in
        EPERM|EACCES)
          status=denied
          message="creating an AF_INET6 socket was refused ($errno)"
          ;;
        *)
          message="creating an AF_INET6 socket failed with $errno (IPv6 may be off on this host), not a policy refusal"
          ;;
      esac
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tcp6_port "$port6" \
  --payload-raw-field connect_step "$connect_step"
