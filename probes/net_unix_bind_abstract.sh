#!/usr/bin/env bash
# Can the probe bind an abstract-namespace AF_UNIX socket?
set -euo pipefail

probe_name="net_unix_bind_abstract"
probe_version="2"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="@codex-fence-${probe_name}-$$"
IFS= read -r -d '' py <<'PY' || true
import socket
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
try:
    s.bind("\0" + sys.argv[1])
    print("ok bound")
except OSError as e:
    print("errno %s bind" % name(e.errno))
finally:
    s.close()
PY
fence_python_verdict "EPERM EACCES" "bound an abstract AF_UNIX socket $target" \
  "binding the abstract AF_UNIX socket $target was refused at {step} ({errno})" \
  "python3 not found on PATH; it is needed to bind an AF_UNIX socket" "$py" "${target#@}"

fence_emit --command "$cmd" --category network --verb bind --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
