#!/usr/bin/env bash
# Can the probe create an AF_UNIX socketpair and pass bytes through it (write() and send())?
set -euo pipefail

probe_name="net_unix_socketpair"
probe_version="2"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socketpair(AF_UNIX, SOCK_STREAM)"
IFS= read -r -d '' py <<'PY' || true
import socket
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
write_step=not-run
send_step=not-run
if fence_python_run "python3 not found on PATH; it is needed to call socketpair()" "$py"; then
  case $out in
    created\ *)
      write_step=${out#*write=}
      write_step=${write_step%% *}
      send_step=${out#*send=}
      send_step=${send_step%% *}
      if [[ $write_step == ok && $send_step == ok ]]; then
        status=success
        message="created an AF_UNIX socketpair and passed bytes through it with write() and send()"
      elif [[ $write_step == ok ]]; then
        status=partial
        errno=$send_step
        message="socketpair() and write()/read() worked but send()/recv() failed ($send_step)"
      elif [[ $send_step == ok ]]; then
        status=partial
        errno=$write_step
        message="socketpair() and send()/recv() worked but write()/read() failed ($write_step)"
      else
        status=partial
        errno=$send_step
        message="socketpair() worked but passing bytes failed (write: $write_step, send: $send_step)"
      fi
      if [[ $errno == mismatch ]]; then errno=''; fi
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      fence_classify_errno "EPERM EACCES" "socketpair(AF_UNIX) was refused ({errno})" \
        "socketpair(AF_UNIX) failed with {errno}, which is not a policy refusal"
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)"
      ;;
  esac
fi

fence_emit --command "$cmd" --category network --verb socketpair --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field write_step "$write_step" \
  --payload-raw-field send_step "$send_step"
