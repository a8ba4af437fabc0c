#!/usr/bin/env bash
# Can a forked child of the probe drop a capability from its bounding set (prctl PR_CAPBSET_DROP)?
set -euo pipefail

probe_name="priv_capbset_drop"
probe_version="2"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=CAP_SYS_ADMIN
IFS= read -r -d '' py <<'PY' || true
import ctypes, errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
libc = ctypes.CDLL(None, use_errno=True)
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    # PR_CAPBSET_DROP (24), CAP_SYS_ADMIN (21)
    if libc.prctl(24, 21, 0, 0, 0) == 0:
        os.write(w, b"ok")
    else:
        os.write(w, ("errno " + name(ctypes.get_errno())).encode())
    os._exit(0)
os.close(w)
answer = os.read(r, 200).decode() or "nothing"
os.waitpid(pid, 0)
print("%s PR_CAPBSET_DROP" % answer)
PY
fence_python_verdict "EPERM EACCES" "python3 not found on PATH; it is needed to call prctl(PR_CAPBSET_DROP)" "a forked child dropped CAP_SYS_ADMIN from its bounding set (needs CAP_SETPCAP)" "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) in a forked child" "$py"

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category privilege --verb capset --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
