#!/usr/bin/env bash
# Can the probe resolve localhost with getaddrinfo?
set -euo pipefail

probe_name="net_getaddrinfo_localhost"
probe_version="2"
primary_capability_id="cap_net_dns_resolution"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=localhost
IFS= read -r -d '' py <<'PY' || true
import socket
names = dict((getattr(socket, n), n) for n in dir(socket) if n.startswith("EAI_"))
try:
    infos = socket.getaddrinfo("localhost", None, 0, socket.SOCK_STREAM)
    print("ok " + ",".join(sorted(set(i[4][0] for i in infos))))
except socket.gaierror as e:
    print("errno %s getaddrinfo" % names.get(e.errno, "EAI_UNKNOWN"))
PY
fence_python_verdict "EAI_AGAIN EAI_FAIL EAI_NONAME EAI_SYSTEM" "getaddrinfo(localhost) answered {answer}" \
  "getaddrinfo(localhost) failed ({errno})" "python3 not found on PATH; it is needed to call getaddrinfo" "$py"

fence_emit --command "$cmd" --category network --verb resolve --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
