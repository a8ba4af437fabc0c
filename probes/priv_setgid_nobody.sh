#!/usr/bin/env bash
# Can a forked child of the probe switch its gid to 65534 (nogroup)?
set -euo pipefail

probe_name="priv_setgid_nobody"
probe_version="2"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="setgid 65534"
IFS= read -r -d '' py <<'PY' || true
import errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    try:
        os.setgid(65534)
        os.write(w, b"ok")
    except OSError as e:
        os.write(w, ("errno " + name(e.errno)).encode())
    os._exit(0)
os.close(w)
answer = os.read(r, 200).decode() or "nothing"
os.waitpid(pid, 0)
print("%s setgid" % answer)
PY
fence_python_verdict "EPERM EACCES EINVAL" "python3 not found on PATH; it is needed to call setgid in a forked child" "a forked child changed its gid to 65534" "setgid(65534) in a forked child" "$py"

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category privilege --verb setgid --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
