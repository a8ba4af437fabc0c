#!/usr/bin/env bash
# Can the probe write to procfs at all (rename its own python3 child via /proc/self/comm)?
set -euo pipefail

probe_name="kernel_proc_self_comm_write"
probe_version="1"
primary_capability_id="cap_kernel_procfs_sysfs_write"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/comm
IFS= read -r -d '' py <<'PY' || true
import errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
new = b"codex-fence-pc"
try:
    fd = os.open("/proc/self/comm", os.O_WRONLY)
except OSError as e:
    print("errno %s open" % name(e.errno))
    sys.exit(0)
try:
    os.write(fd, new)
except OSError as e:
    print("errno %s write" % name(e.errno))
    sys.exit(0)
finally:
    os.close(fd)
with open("/proc/self/comm", "rb") as f:
    now = f.read().strip()
print("ok renamed" if now == new else "mismatch comm reads back differently")
PY
policy_errnos="EROFS EACCES EPERM EIO"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py"
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to write /proc/self/comm"
else
  fence_run fence_python3 -c "$py"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    ok*)
      status=success
      message="the probe's python3 child renamed itself through /proc/self/comm (its own process only)"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="writing /proc/self/comm was refused at $step ($errno)"
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
  --command "$cmd" --category kernel --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
