#!/usr/bin/env bash
# Can the probe read the environment of PID 1 (byte count only, never the contents)?
set -euo pipefail

probe_name="proc_pid1_environ_readable"
probe_version="1"
primary_capability_id="cap_proc_host_process_visibility"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/1/environ
printf -v cmd '%q ' wc -c
cmd="$cmd<$target"
status=error errno='' message='' rc='' out='' err='' bytes='' pid1_comm=''
count_bytes() {
  wc -c <"$1"
}
if ! fence_have wc; then
  message="wc not found on PATH"
elif [[ ! -e $target ]]; then
  message="$target does not exist (is /proc mounted?)"
else
  if [[ -r /proc/1/comm ]]; then
    IFS= read -r pid1_comm </proc/1/comm || true
  fi
  fence_run count_bytes "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc == 0 ]]; then
    bytes=${FENCE_OUT//[!0-9]/}
    status=success
    message="the environment of PID 1 (${pid1_comm:-unknown}) is readable: $bytes bytes (contents not recorded)"
  else
    fence_classify_failure "EACCES EPERM" "reading the environment of PID 1 was refused ({errno})" \
      "reading $target failed (exit {rc})"
  fi
fi

fence_emit --command "$cmd" --category process --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stderr "$err" \
  --payload-raw-field environ_bytes "$bytes" \
  --payload-raw-field pid1_comm "$pid1_comm"
