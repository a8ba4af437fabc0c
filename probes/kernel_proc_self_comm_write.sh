#!/usr/bin/env bash
# Can the probe write to procfs at all (rename its own python3 child via /proc/self/comm)?
set -euo pipefail

probe_name="kernel_proc_self_comm_write"
probe_version="2"
primary_capability_id="cap_kernel_procfs_sysfs_write"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/self/comm
IFS= read -r -d '' py <<'PY' || true
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
fence_python_verdict "EROFS EACCES EPERM EIO" \
  "the probe's python3 child renamed itself through /proc/self/comm (its own process only)" \
  "writing /proc/self/comm was refused at {step} ({errno})" \
  "python3 not found on PATH; it is needed to write /proc/self/comm" "$py"

fence_emit --command "$cmd" --category kernel --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
