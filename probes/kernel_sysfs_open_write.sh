#!/usr/bin/env bash
# Can the probe open a /sys attribute for writing (closed without writing)?
set -euo pipefail

probe_name="kernel_sysfs_open_write"
probe_version="1"
primary_capability_id="cap_kernel_procfs_sysfs_write"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/sys/kernel/mm/transparent_hugepage/enabled
IFS= read -r -d '' py <<'PY' || true
import errno, os, sys
def name(n):
    return errno.errorcode.get(n, "ERRNO_%d" % n) if n else "EUNKNOWN"
for path in sys.argv[1:]:
    if os.path.exists(path):
        break
else:
    print("missing none of the candidate files exists")
    sys.exit(0)
try:
    fd = os.open(path, os.O_WRONLY)
    os.close(fd)
    print("ok opened path=%s" % path)
except OSError as e:
    print("errno %s open path=%s" % (name(e.errno), path))
PY
policy_errnos="EROFS EACCES EPERM EIO"
status=error
errno=''
message=''
rc=''
out=''
err=''
printf -v cmd '%q ' python3 -c "$py" /sys/kernel/mm/transparent_hugepage/enabled /sys/kernel/mm/ksm/run /sys/power/state
if ! fence_have python3; then
  message="python3 not found on PATH; it is needed to open the file"
else
  fence_run fence_python3 -c "$py" /sys/kernel/mm/transparent_hugepage/enabled /sys/kernel/mm/ksm/run /sys/power/state
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $out in
    *path=*) target=${out##*path=} ;;
  esac
  case $out in
    ok*)
      status=success
      message="$target opened for writing and closed; nothing was written, so whether a write would land is not tested"
      ;;
    errno\ *)
      errno=${out#errno }
      errno=${errno%% *}
      step=${out#errno "$errno"}
      step=${step# }
      case " $policy_errnos " in
        *" $errno "*)
          status=denied
          message="opening $target for writing was refused ($errno)"
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
  --command "$cmd" --category kernel --verb open-write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field opened_path "$target"
