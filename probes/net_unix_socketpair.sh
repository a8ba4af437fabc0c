#!/usr/bin/env bash
# Can the probe create an AF_UNIX socketpair and pass bytes through it (write() and send())?
set -euo pipefail

probe_name="net_unix_socketpair"
probe_version="1"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socketpair(AF_UNIX, SOCK_STREAM)"
IFS= read -r -d '' py <<'PY' || true
import errno, os, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
try:
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socketpair" % name(e.errno))
    sys.exit(0)
def attempt(send, recv):
    try:
        send(b"codex-fence")
        return "ok" if recv(64) == b"codex-fence" else "mismatch"
    except OSError as e:
        return name(e.errno)
w = attempt(lambda d: os.write(a.fileno(), d), lambda n: os.read(b.fileno(), n))
s = attempt(a.sendall, b.recv)
a.close()
b.close()
print("created write=%s send=%s" % (w, s))
PY
printf -v cmd '%q ' python3 -c "$py"
status=error
errno=''
message=''
rc=''
out=''
err=''
write_step=not-run
send_step=not-run
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to call socketpair()"
else
  fence_run fence_python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    created\ *)
      set -- $out
      write_step=${2#write=}
      send_step=${3#send=}
      if [[ $write_step == ok && $send_step == ok ]]; then
        status=success
        message="created an AF_UNIX socketpair and passed bytes through it with write() and send()"
      elif [[ $write_step == ok || $send_step == ok ]]; then
        status=partial
        if [[ $write_step == ok ]]; then
          errno=$send_step
          message="socketpair() and write()/read() worked but send()/recv() failed ($send_step)"
        else
          errno=$write_step
          message="socketpair() and send()/recv() worked but write()/read() failed ($write_step)"
        fi
      else
        status=partial
        errno=$send_step
        message="socketpair() worked but passing bytes failed (write: $write_step, send: $send_step)"
      fi
      case $errno in
        mismatch) errno='' ;;
      esac
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      case $errno in
        EPERM|EACCES)
          status=denied
          message="socketpair(AF_UNIX) was refused ($errno)"
          ;;
        *)
          message="socketpair(AF_UNIX) failed with $errno, which is not a policy refusal"
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
  --command "$cmd" --category network --verb socketpair --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field write_step "$write_step" \
  --payload-raw-field send_step "$send_step"
