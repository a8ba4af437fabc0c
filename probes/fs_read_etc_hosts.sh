#!/usr/bin/env bash
# Can the process open and read /etc/hosts (size recorded, content not)?
set -euo pipefail

probe_name="fs_read_etc_hosts"
probe_version="1"
primary_capability_id="cap_fs_read_system_roots"
probe_platforms="linux macos"
probe_tags="read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/etc/hosts
size='' errno=''
if fence_try wc -c "$target"; then
  size=${out#"${out%%[![:space:]]*}"}
  size=${size%%[!0-9]*}
  status=success
  message="read /etc/hosts ($size bytes; content not recorded)"
else
  fence_classify_failure "EACCES EPERM" "reading /etc/hosts was refused ({errno})" "could not read /etc/hosts (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category fs --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field size_bytes "$size"
