#!/usr/bin/env bash
# Can the process rename(2) a scratch file from the workspace into $FENCE_OUTSIDE_DIR (no copy fallback)?
set -euo pipefail

probe_name="fs_rename_to_outside_dir"
probe_version="2"
primary_capability_id="cap_fs_hardlink_rename_across_boundary"
probe_platforms="linux"
probe_tags="rename escape"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' out='' src='' create_step='' unable=''
# removes the workspace source when it was not moved; the destination is left for the harness
# (probes/README.md, "Host-side effects")
cleanup() {
  if [[ -n $src ]]; then rm -f -- "$src" 2>/dev/null || true; fi
}
trap cleanup EXIT

py='try:
    os.rename(sys.argv[1], sys.argv[2])
    print("ok")
except OSError as e:
    print("errno " + name(e.errno))'
suffix="${probe_name}-$$-${RANDOM}"
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  from='${FENCE_WORKSPACE_ROOT}/.codex-fence-'"$suffix"
  target='${FENCE_OUTSIDE_DIR}/.codex-fence-'"$suffix"
  unable="FENCE_WORKSPACE_ROOT is not set"
elif [[ -z ${FENCE_OUTSIDE_DIR:-} ]]; then
  from="$FENCE_WORKSPACE_ROOT/.codex-fence-$suffix"
  target='${FENCE_OUTSIDE_DIR}/.codex-fence-'"$suffix"
  unable="FENCE_OUTSIDE_DIR is not set"
else
  from="$FENCE_WORKSPACE_ROOT/.codex-fence-$suffix"
  target="$FENCE_OUTSIDE_DIR/.codex-fence-$suffix"
  if [[ ! -d $FENCE_OUTSIDE_DIR ]]; then unable="the directory \$FENCE_OUTSIDE_DIR does not exist"; fi
fi
# the file to rename is made first (with sh); when that fails, the rename is not tried
if [[ -z $unable ]] && fence_have python3; then
  src=$from
  fence_run sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$src"
  if [[ $FENCE_RC == 0 ]]; then
    create_step=ok
  else
    create_step=failed unable=create create_rc=$FENCE_RC create_err=$FENCE_ERR
  fi
fi
if fence_python_run --unable "$unable" "the tool python3 is not on PATH" "$py" "$from" "$target"; then
  case $out in
    ok)
      status=success
      message="renamed a workspace file into \$FENCE_OUTSIDE_DIR" ;;
    'errno '*)
      errno=${out#errno }
      fence_classify_errno "EXDEV EROFS EACCES EPERM" "rename(2) across the workspace boundary was refused ({errno})" \
        "rename(2) failed without a policy errno ({errno})" ;;
    *)
      message="python3 did not report a result (rc=$rc)" ;;
  esac
elif [[ $create_step == failed ]]; then
  rc=$create_rc err=$create_err
  fence_classify_failure "EROFS EACCES EPERM" \
    "could not create the workspace file to rename: the write was refused ({errno})" \
    "creating the workspace file failed (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category fs --verb rename --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field source "${src:-}" \
  --payload-raw-field destination "$target" \
  --payload-raw-field create_source "$create_step" \
  --payload-raw-field host_effect_path "$target"
