#!/usr/bin/env bash
# Can the process read the basic kernel sysctl /proc/sys/kernel/ostype?
set -euo pipefail

probe_name="sys_read_proc_ostype"
probe_version="1"
primary_capability_id="cap_sysctl_read_basic"
probe_platforms="linux"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/sys/kernel/ostype
errno='' value=''
if fence_try cat "$target" && [[ -n $out ]]; then
  value=$out status=success
  message="read kernel.ostype = $value"
else
  fence_classify_failure "EACCES EPERM" "reading $target was refused ({errno})" "could not read $target (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$value" --payload-stderr "$err" \
  --payload-raw-field sysctl kernel.ostype \
  --payload-raw-field value "$value"
