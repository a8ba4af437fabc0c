#!/usr/bin/env bash
# Can the probe create an AF_INET TCP socket (no connection made)?
set -euo pipefail

probe_name="net_inet_socket_create"
probe_version="2"
primary_capability_id="cap_net_localhost_only"
secondary_capability_ids="cap_net_outbound_any"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_INET, SOCK_STREAM)"
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.close()
    print("ok created")
except OSError as e:
    print("errno %s socket" % name(e.errno))
PY
fence_python_verdict "EPERM EACCES" "python3 not found on PATH; it is needed to call socket()" "created (and closed) an AF_INET stream socket" "creating an AF_INET stream socket" "$py"

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --secondary-capability-id cap_net_outbound_any \
  --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
