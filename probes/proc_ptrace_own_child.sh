#!/usr/bin/env bash
# Can the probe PTRACE_ATTACH to a child process it forked itself?
set -euo pipefail

probe_name="proc_ptrace_own_child"
probe_version="3"
primary_capability_id="cap_proc_ptrace_and_vm_read"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="own child process"
IFS= read -r -d '' py <<'PY' || true
import ctypes, signal, time
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
pid = os.fork()
if pid == 0:
    time.sleep(5)
    os._exit(0)
try:
    if libc.ptrace(16, pid, None, None) != 0:
        print("errno %s PTRACE_ATTACH" % name(ctypes.get_errno()))
    else:
        os.waitpid(pid, 0x40000000)
        d = libc.ptrace(17, pid, None, 0)
        print("ok attached child %d, detach %s" % (pid, "ok" if d == 0 else name(ctypes.get_errno())))
finally:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
PY
fence_python_verdict "EPERM EACCES" "PTRACE_ATTACH to a child the probe forked succeeded; detached and reaped it" \
  "PTRACE_ATTACH to a child the probe forked was refused ({errno})" \
  "python3 not found on PATH; it is needed to call ptrace(PTRACE_ATTACH)" "$py"

fence_emit --command "$cmd" --category process --verb ptrace --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
