#!/usr/bin/env bash
# Can the probe become root through sudo without a password prompt (sudo -n true)?
set -euo pipefail

probe_name="proc_sudo_noninteractive"
probe_version="1"
primary_capability_id="cap_proc_unsandboxed_escalation"
probe_platforms="macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=sudo
printf -v cmd '%q ' sudo -n true
status=error
errno=''
message=''
rc=''
out=''
err=''
if ! fence_have sudo; then
  message="sudo not found on PATH"
else
  target=$(command -v sudo)
  fence_run sudo -n true
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [[ $rc == 0 ]]; then
    status=success
    message="sudo -n true ran as root without a password prompt"
  else
    case $err in
      *'effective uid is not 0'*|*nosuid*|*'no new privileges'*)
        status=denied
        errno=EPERM
        message="sudo could not become root: the setuid bit was not honoured"
        ;;
      *'password is required'*|*'a terminal is required'*|*'not in the sudoers'*|*'not allowed to'*)
        status=denied
        errno=EACCES
        message="sudo refused to run without a password or sudoers entry"
        ;;
      *)
        fence_errno_from_text "$err"
        errno=$FENCE_ERRNO
        case $errno in
          EPERM|EACCES)
            status=denied
            message="sudo -n true failed ($errno)"
            ;;
          *)
            message="sudo -n true exited $rc without a recognised reason"
            ;;
        esac
        ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category process --verb escalate --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tool "$target"
