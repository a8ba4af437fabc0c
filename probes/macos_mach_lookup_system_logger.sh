#!/usr/bin/env bash
# Can the process look up the Mach service com.apple.system.logger through bootstrap_look_up?
set -euo pipefail

probe_name="macos_mach_lookup_system_logger"
probe_version="2"
primary_capability_id="cap_mach_lookup_system_logger"
probe_platforms="macos"
probe_tags="mach ipc"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=com.apple.system.logger
kr=''
py='import ctypes
lib = ctypes.CDLL("/usr/lib/libSystem.B.dylib")
bp = ctypes.c_uint.in_dll(lib, "bootstrap_port")
lib.bootstrap_look_up.argtypes = [ctypes.c_uint, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint)]
lib.bootstrap_look_up.restype = ctypes.c_int
port = ctypes.c_uint(0)
kr = lib.bootstrap_look_up(bp.value, sys.argv[1].encode(), ctypes.byref(port))
print("kr %d" % kr)'
if fence_python_run "the tool python3 is not on PATH" "$py" "$target"; then
  case $out in
    'kr '*) kr=${out#kr } ;;
  esac
  case $kr in
    0) status=success; message="bootstrap_look_up returned a send right for $target" ;;
    1100) status=denied; errno=BOOTSTRAP_NOT_PRIVILEGED; message="bootstrap_look_up of $target was refused (1100 BOOTSTRAP_NOT_PRIVILEGED)" ;;
    1102) status=denied; errno=BOOTSTRAP_UNKNOWN_SERVICE; message="bootstrap_look_up reported $target as unknown (1102), how a sandbox hides a denied name" ;;
    '') message="python3 did not report a kern_return (rc=$rc; is python3 the real interpreter?)" ;;
    *) message="bootstrap_look_up returned an unexpected kern_return $kr" ;;
  esac
fi

fence_emit --command "$cmd" --category ipc --verb mach-lookup --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field service "$target" \
  --payload-raw-field kern_return "$kr"
