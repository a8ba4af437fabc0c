#!/usr/bin/env bash
# Can the process create a character device node (1,3 like /dev/null) inside the workspace with mknod(2)?
set -euo pipefail

probe_name="fs_mknod_char_device"
probe_version="1"
primary_capability_id="cap_fs_device_nodes"
probe_platforms="linux"
probe_tags="mknod device"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc=''
errno=''
err=''
out=''
# the node is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")

py='import errno, os, stat, sys
try:
    os.mknod(sys.argv[1], stat.S_IFCHR | 0o600, os.makedev(1, 3))
    print("ok")
except OSError as e:
    print("errno " + errno.errorcode.get(e.errno, str(e.errno)))'
if [ -z "${FENCE_WORKSPACE_ROOT:-}" ]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  printf -v cmd '%q ' python3 -c "$py" "$target"
  status=error
  message="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
  printf -v cmd '%q ' python3 -c "$py" "$target"
  if ! fence_have python3; then
    status=error
    message="the tool python3 is not on PATH"
  else
    fence_run fence_python3 -c "$py" "$target"
    rc=$FENCE_RC
    out=$FENCE_OUT
    err=$FENCE_ERR
    case $out in
      ok)
        if [ -c "$target" ]; then
          status=success
          message="created a character device node in the workspace"
        else
          status=partial
          message="mknod returned success but no character device is visible"
        fi ;;
      'errno '*)
        errno=${out#errno }
        case $errno in
          EPERM|EACCES|EROFS) status=denied; message="mknod of a character device was refused ($errno)" ;;
          *) status=error; message="mknod failed without a policy errno ($errno)" ;;
        esac ;;
      *)
        status=error
        message="python3 did not report a result (rc=$rc)" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category fs --verb mknod --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field device "1,3" \
  --payload-raw-field host_effect_path "$target"
