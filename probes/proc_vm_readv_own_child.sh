#!/usr/bin/env bash
# Can the probe read a forked child's memory with process_vm_readv?
set -euo pipefail

probe_name="proc_vm_readv_own_child"
probe_version="3"
primary_capability_id="cap_proc_ptrace_and_vm_read"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="own child process"
IFS= read -r -d '' py <<'PY' || true
import ctypes, signal, time
class iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
libc = ctypes.CDLL(None, use_errno=True)
libc.process_vm_readv.restype = ctypes.c_ssize_t
libc.process_vm_readv.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
mark_parent = b"codex-fence-parent-mark"
mark_child = b"codex-fence-child--mark"
buf = ctypes.create_string_buffer(mark_parent, len(mark_parent))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    ctypes.memmove(buf, mark_child, len(mark_child))
    os.write(w, b"x")
    time.sleep(5)
    os._exit(0)
os.close(w)
try:
    os.read(r, 1)
    dst = ctypes.create_string_buffer(len(mark_child))
    local = iovec(ctypes.addressof(dst), len(mark_child))
    remote = iovec(ctypes.addressof(buf), len(mark_child))
    n = libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    if n < 0:
        print("errno %s process_vm_readv" % name(ctypes.get_errno()))
    elif dst.raw == mark_child:
        print("ok read %d bytes of the child's memory" % n)
    else:
        print("mismatch read %d bytes that differ from the child's marker" % n)
finally:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
PY
fence_python_verdict "EPERM EACCES" "process_vm_readv read the marker from a child's memory" \
  "process_vm_readv on a child the probe forked was refused ({errno})" \
  "python3 not found on PATH; it is needed to call process_vm_readv" "$py"

fence_emit --command "$cmd" --category process --verb read-memory --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
