#!/usr/bin/env bash
# Can the probe bind an AF_UNIX socket at a path inside the workspace?
set -euo pipefail

probe_name="net_unix_bind_workspace"
probe_version="2"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="${FENCE_WORKSPACE_ROOT:-}/.codex-fence-${probe_name}-$$.sock"
# the socket file is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")
IFS= read -r -d '' py <<'PY' || true
import socket
path = sys.argv[1]
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
except OSError as e:
    print("errno %s socket" % name(e.errno))
    sys.exit(0)
try:
    s.bind(path)
    print("ok bound")
except OSError as e:
    print("errno %s bind" % (name(e.errno) if e.errno else "ENAMETOOLONG"))
finally:
    s.close()
PY
fence_python_verdict "EPERM EACCES EROFS" "bound an AF_UNIX socket at a path in the workspace" \
  "binding an AF_UNIX socket in the workspace was refused at {step} ({errno})" \
  --require FENCE_WORKSPACE_ROOT "python3 not found on PATH; it is needed to bind an AF_UNIX socket" "$py" "$target"

fence_emit --command "$cmd" --category network --verb bind --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field host_effect_path "$target"
