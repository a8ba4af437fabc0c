#!/usr/bin/env bash
# Can the probe PTRACE_ATTACH to a harness process outside the sandbox?
set -euo pipefail

probe_name="proc_ptrace_outside_pid"
probe_version="2"
primary_capability_id="cap_proc_ptrace_and_vm_read"
secondary_capability_ids="cap_proc_host_process_visibility"
probe_platforms="linux"
probe_locks="outside-process"   # one probe at a time acts on the harness's outside process: a second PTRACE_ATTACH gets EPERM
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="pid ${FENCE_OUTSIDE_PID:-unset}"
unable=''
if [[ -n ${FENCE_OUTSIDE_PID:-} && ! $FENCE_OUTSIDE_PID =~ ^[0-9]+$ ]]; then unable="FENCE_OUTSIDE_PID is not a number"; fi
IFS= read -r -d '' py <<'PY' || true
import ctypes, signal
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
pid = int(sys.argv[1])
if libc.ptrace(16, pid, None, None) != 0:
    print("errno %s PTRACE_ATTACH" % name(ctypes.get_errno()))
    sys.exit(0)
try:
    os.waitpid(pid, 0x40000000)
except OSError:
    pass
if libc.ptrace(17, pid, None, 0) == 0:
    print("ok attached and detached")
else:
    e = ctypes.get_errno()
    os.kill(pid, signal.SIGCONT)
    print("ok attached; PTRACE_DETACH failed with %s, sent SIGCONT" % name(e))
PY
fence_python_verdict "EPERM EACCES ESRCH" \
  "PTRACE_ATTACH to the harness process outside the sandbox succeeded; detached at once" \
  "PTRACE_ATTACH to the harness process outside the sandbox was refused ({errno})" \
  --require FENCE_OUTSIDE_PID --unable "$unable" "python3 not found on PATH; it is needed to call ptrace(PTRACE_ATTACH)" \
  "$py" "${FENCE_OUTSIDE_PID:-}"

fence_emit --command "$cmd" --category process --verb ptrace --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field outside_pid "${FENCE_OUTSIDE_PID:-}" \
  --payload-raw-field host_effect_pid "${FENCE_OUTSIDE_PID:-unset}"
