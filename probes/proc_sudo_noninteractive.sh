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
status=error errno='' message='' rc='' out='' err=''
if ! fence_have sudo; then
  message="sudo not found on PATH"
else
  target=$(command -v sudo)
  if fence_try sudo -n true; then
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
        fence_classify_failure "EPERM EACCES" "sudo -n true failed ({errno})" "sudo -n true exited {rc} without a recognised reason"
        ;;
    esac
  fi
fi

fence_emit --command "$cmd" --category process --verb escalate --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tool "$target"
