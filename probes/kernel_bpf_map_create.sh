#!/usr/bin/env bash
# May the probe create a small BPF array map (bpf BPF_MAP_CREATE)?
set -euo pipefail

probe_name="kernel_bpf_map_create"
probe_version="2"
primary_capability_id="cap_kernel_bpf"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="bpf(BPF_MAP_CREATE, array)"
arch=$(uname -m 2>/dev/null || true)
unable=''
case $arch in
  x86_64) nr=321 ;;
  aarch64) nr=280 ;;
  *) nr='' unable="no syscall number known for architecture '$arch' (only x86_64 and aarch64)" ;;
esac
IFS= read -r -d '' py <<'PY' || true
import ctypes, struct
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
attr = ctypes.create_string_buffer(72)
# map_type BPF_MAP_TYPE_ARRAY (2), key_size 4, value_size 4, max_entries 1
struct.pack_into("IIII", attr, 0, 2, 4, 4, 1)
fd = libc.syscall(ctypes.c_long(int(sys.argv[1])), ctypes.c_long(0), ctypes.c_long(ctypes.addressof(attr)), ctypes.c_long(72))
if fd < 0:
    print("errno %s bpf" % name(ctypes.get_errno()))
else:
    os.close(fd)
    print("ok map fd created and closed")
PY
fence_python_verdict "EPERM EACCES" "bpf(BPF_MAP_CREATE) made a one-entry array map (fd closed at once)" \
  "bpf(BPF_MAP_CREATE) was refused ({errno})" \
  --unable "$unable" "python3 not found on PATH; it is needed to call bpf" "$py" "$nr"

fence_emit --command "$cmd" --category kernel --verb syscall --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field arch "$arch" \
  --payload-raw-field syscall_nr "$nr"
