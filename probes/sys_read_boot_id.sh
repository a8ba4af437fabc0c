#!/usr/bin/env bash
# Can the process read /proc/sys/kernel/random/boot_id (only its length is recorded)?
set -euo pipefail

probe_name="sys_read_boot_id"
probe_version="1"
primary_capability_id="cap_sysctl_read_sensitive"
probe_platforms="linux"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/sys/kernel/random/boot_id
errno='' length='' exists=''
if [[ -e $target ]]; then exists=true; else exists=false; fi
if fence_try cat "$target" && [[ -n $out ]]; then
  length=${#out} status=success
  message="read the boot id ($length characters; value not recorded)"
else
  fence_classify_failure "EACCES EPERM" "reading the boot id was refused ({errno})" "could not read $target (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field exists "$exists" \
  --payload-raw-field value_length "$length"
