#!/usr/bin/env bash
# Can a forked child of the probe drop a capability from its bounding set (prctl PR_CAPBSET_DROP)?
set -euo pipefail

probe_name="priv_capbset_drop"
probe_version="3"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=CAP_SYS_ADMIN
IFS= read -r -d '' py <<'PY' || true
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
def drop():
    # PR_CAPBSET_DROP (24), CAP_SYS_ADMIN (21)
    if libc.prctl(24, 21, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl")
print("%s PR_CAPBSET_DROP" % in_child(drop))
PY
fence_python_verdict "EPERM EACCES" "a forked child dropped CAP_SYS_ADMIN from its bounding set (needs CAP_SETPCAP)" \
  "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) in a forked child was refused ({errno})" \
  "python3 not found on PATH; it is needed to call prctl(PR_CAPBSET_DROP)" "$py"

fence_emit --command "$cmd" --category privilege --verb capset --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
