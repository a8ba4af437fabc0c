#!/usr/bin/env bash
# Can the probe write a shell script into the workspace and execute it?
set -euo pipefail

probe_name="proc_exec_workspace_script"
probe_version="2"
primary_capability_id="cap_proc_exec_toolchain_outside_workspace"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

script="${FENCE_WORKSPACE_ROOT:-}/.codex-fence-${probe_name}-$$-${RANDOM}.sh"
target=$script
# the script is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")
write_script() {
  printf '#!/bin/sh\necho codex-fence-script-ran\n' >"$1" && chmod 755 "$1"
}
printf -v cmd '%q ' "$script"
status=error
errno=''
message=''
rc=''
out=''
err=''
write_step=not-run
exec_step=not-run
if [[ -z ${FENCE_WORKSPACE_ROOT:-} ]]; then
  message="FENCE_WORKSPACE_ROOT is not set; the harness must export it"
else
  fence_run write_script "$script"
  if [[ $FENCE_RC != 0 ]]; then
    rc=$FENCE_RC
    err=$FENCE_ERR
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    write_step=${errno:-failed}
    case $errno in
      EROFS|EACCES|EPERM)
        status=denied
        message="writing the script in the workspace was refused ($errno), so it could not be executed"
        ;;
      *)
        message="writing the script in the workspace failed (exit $rc)"
        ;;
    esac
  else
    write_step=ok
    fence_run "$script"
    rc=$FENCE_RC
    out=$FENCE_OUT
    err=$FENCE_ERR
    if [[ $rc == 0 && $out == codex-fence-script-ran ]]; then
      exec_step=ok
      status=success
      message="wrote and executed a script in the workspace"
    else
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      exec_step=${errno:-failed}
      case $errno in
        EACCES|EPERM)
          status=partial
          message="writing the script in the workspace worked but executing it was refused ($errno)"
          ;;
        *)
          message="the script in the workspace was written but exited $rc without its output"
          ;;
      esac
    fi
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category process --verb exec --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field script "$script" \
  --payload-raw-field write_step "$write_step" \
  --payload-raw-field exec_step "$exec_step" \
  --payload-raw-field host_effect_path "$script"
