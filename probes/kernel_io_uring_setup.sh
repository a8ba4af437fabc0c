#!/usr/bin/env bash
# May the probe create an io_uring instance (io_uring_setup syscall)?
set -euo pipefail

probe_name="kernel_io_uring_setup"
probe_version="1"
primary_capability_id="cap_kernel_io_uring"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=io_uring_setup
arch=$(uname -m 2>/dev/null || true)
IFS= read -r -d '' py <<'PY' || true
import ctypes, errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
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
policy_errnos="EPERM EACCES"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to call io_uring_setup"
elif [[ $arch != x86_64 && $arch != aarch64 ]]; then
  message="no syscall number known for architecture '$arch' (only x86_64 and aarch64)"
else
  fence_run fence_python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="io_uring_setup(4 entries) returned a ring fd (closed at once)"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="io_uring_setup was refused ($errno)"
          ;;
        *)
          status=error
          message="$step failed with $errno, which is not a policy refusal"
          ;;
      esac
      ;;
    *)
      message="python3 gave no usable answer (exit $rc)${out:+: $out}"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category kernel --verb syscall --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field arch "$arch" \
  --payload-raw-field syscall_nr "425"
