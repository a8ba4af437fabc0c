#!/usr/bin/env bash
# Does the CODEX_SANDBOX_NETWORK_DISABLED marker agree with what a loopback TCP connect does?
set -euo pipefail

probe_name="net_sandbox_network_tag"
probe_version="1"
primary_capability_id="cap_net_disabled_with_tag"
secondary_capability_ids="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="127.0.0.1:${FENCE_LOOPBACK_TCP_PORT:-unset}"
marker=${CODEX_SANDBOX_NETWORK_DISABLED:-}
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
printf -v cmd '%q ' python3 -c "$py" 127.0.0.1 "${FENCE_LOOPBACK_TCP_PORT:-}"
status=error
errno=''
message=''
rc=''
out=''
err=''
connect_result=not-run
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed for the loopback connect the marker is compared with"
elif [[ -z ${FENCE_LOOPBACK_TCP_PORT:-} ]]; then
  message="FENCE_LOOPBACK_TCP_PORT is not set; the harness must export it"
else
  fence_run fence_python3 -c "$py" 127.0.0.1 "$FENCE_LOOPBACK_TCP_PORT"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      connect_result=connected
      if [[ -z $marker ]]; then
        status=success
        message="no CODEX_SANDBOX_NETWORK_DISABLED marker and the loopback connect worked: consistent"
      else
        status=partial
        message="CODEX_SANDBOX_NETWORK_DISABLED=$marker but the loopback connect worked: the marker overstates the block"
      fi
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      connect_result="$errno at ${out##* }"
      if [[ -n $marker ]]; then
        status=success
        message="CODEX_SANDBOX_NETWORK_DISABLED=$marker and the loopback connect failed ($errno): the marker matches"
        errno=''
      else
        status=partial
        message="no CODEX_SANDBOX_NETWORK_DISABLED marker but the loopback connect failed ($errno)"
      fi
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
  --secondary-capability-id cap_net_localhost_only \
  --command "$cmd" --category network --verb inspect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field marker "${marker:-unset}" \
  --payload-raw-field connect_result "$connect_result"
