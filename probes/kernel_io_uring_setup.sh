#!/usr/bin/env bash
# May the probe create an io_uring instance (io_uring_setup syscall)?
set -euo pipefail

probe_name="kernel_io_uring_setup"
probe_version="2"
primary_capability_id="cap_kernel_io_uring"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=io_uring_setup
arch=$(uname -m 2>/dev/null || true)
unable=''
if [[ $arch != x86_64 && $arch != aarch64 ]]; then
  unable="no syscall number known for architecture '$arch' (only x86_64 and aarch64)"
fi
IFS= read -r -d '' py <<'PY' || true
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
params = ctypes.create_string_buffer(120)  # struct io_uring_params, zeroed
fd = libc.syscall(ctypes.c_long(425), ctypes.c_long(4), ctypes.c_long(ctypes.addressof(params)))
if fd < 0:
    print("errno %s io_uring_setup" % name(ctypes.get_errno()))
else:
    os.close(fd)
    print("ok ring fd created and closed")
PY
fence_python_verdict "EPERM EACCES" "io_uring_setup(4 entries) returned a ring fd (closed at once)" \
  "io_uring_setup was refused ({errno})" \
  --unable "$unable" "python3 not found on PATH; it is needed to call io_uring_setup" "$py"

fence_emit --command "$cmd" --category kernel --verb syscall --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field arch "$arch" \
  --payload-raw-field syscall_nr "425"
