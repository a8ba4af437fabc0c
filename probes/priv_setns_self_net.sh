#!/usr/bin/env bash
# May the probe call setns() to (re)join a network namespace (its own, so nothing changes)?
set -euo pipefail

probe_name="priv_setns_self_net"
probe_version="2"
primary_capability_id="cap_priv_namespace_creation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/ns/net
IFS= read -r -d '' py <<'PY' || true
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
try:
    fd = os.open("/proc/self/ns/net", os.O_RDONLY)
except OSError as e:
    print("errno %s open" % name(e.errno))
    sys.exit(0)
try:
    if libc.setns(fd, 0x40000000) != 0:
        print("errno %s setns" % name(ctypes.get_errno()))
    else:
        print("ok setns")
finally:
    os.close(fd)
PY
fence_python_verdict "EPERM EACCES" "setns(CLONE_NEWNET) into the probe's own network namespace was allowed" \
  "setns(CLONE_NEWNET) was refused ({errno}) at {step}" "python3 not found on PATH; it is needed to call setns" "$py"

fence_emit --command "$cmd" --category privilege --verb setns --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
