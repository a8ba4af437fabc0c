#!/usr/bin/env bash
# Can the probe create a raw ICMP socket (nothing is sent)?
set -euo pipefail

probe_name="net_raw_icmp_socket"
probe_version="2"
primary_capability_id="cap_net_raw_and_packet_socket"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)"
IFS= read -r -d '' py <<'PY' || true
import errno, socket, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.close()
    print("ok created")
except OSError as e:
    print("errno %s socket" % name(e.errno))
PY
fence_python_verdict "EPERM EACCES" "python3 not found on PATH; it is needed to call socket()" "created (and closed) a raw ICMP socket" "creating a raw ICMP socket" "$py"

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
