#!/usr/bin/env bash
# Can the process learn the number of usable CPUs (nproc: sched_getaffinity / sysfs)?
set -euo pipefail

probe_name="sys_nproc"
probe_version="1"
primary_capability_id="cap_sysctl_read_basic"
probe_platforms="linux"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=nproc
errno='' rc='' err='' value='' all=''
printf -v cmd '%q ' nproc
if ! fence_have nproc; then
  status=error
  message="the tool nproc is not on PATH"
else
  fence_run nproc
  rc=$FENCE_RC err=$FENCE_ERR value=$FENCE_OUT
  if [[ $rc == 0 && -n $value && $value != *[!0-9]* ]]; then
    fence_run nproc --all
    all=$FENCE_OUT status=success
    message="nproc reports $value usable CPUs"
  else
    fence_classify_failure "EACCES EPERM" "nproc was refused ({errno})" "nproc did not print a number (rc={rc} {errno})"
  fi
fi

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$value" --payload-stderr "$err" \
  --payload-raw-field nproc "$value" \
  --payload-raw-field nproc_all "$all"
