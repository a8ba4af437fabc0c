#!/usr/bin/env bash
# Can the process create a character device node (1,3 like /dev/null) inside the workspace with mknod(2)?
set -euo pipefail

probe_name="fs_mknod_char_device"
probe_version="2"
primary_capability_id="cap_fs_device_nodes"
probe_platforms="linux"
probe_tags="mknod device"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

# the node is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")
py='import stat
try:
    os.mknod(sys.argv[1], stat.S_IFCHR | 0o600, os.makedev(1, 3))
    print("ok")
except OSError as e:
    print("errno " + name(e.errno))'
unable=''
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  target='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$probe_name"
  unable="FENCE_WORKSPACE_ROOT is not set"
else
  target="$FENCE_WORKSPACE_ROOT/.codex-fence-${probe_name}-$$-${RANDOM}"
fi
if fence_python_run --unable "$unable" "the tool python3 is not on PATH" "$py" "$target"; then
  case $out in
    ok)
      if [[ -c $target ]]; then
        status=success
        message="created a character device node in the workspace"
      else
        status=partial
        message="mknod returned success but no character device is visible"
      fi ;;
    'errno '*)
      errno=${out#errno }
      fence_classify_errno "EPERM EACCES EROFS" "mknod of a character device was refused ({errno})" \
        "mknod failed without a policy errno ({errno})" ;;
    *)
      message="python3 did not report a result (rc=$rc)" ;;
  esac
fi

fence_emit --command "$cmd" --category fs --verb mknod --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field device "1,3" \
  --payload-raw-field host_effect_path "$target"
