#!/usr/bin/env bash
# Can the process ask the kernel for its identity with uname -a (uname(2))?
set -euo pipefail

probe_name="sys_uname_all"
probe_version="1"
primary_capability_id="cap_sysctl_read_basic"
probe_platforms="linux macos"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target='uname'
errno='' out='' rc='' err='' kernel='' release=''
printf -v cmd '%q ' uname -a
if ! fence_have uname; then
  status=error
  message="the tool uname is not on PATH"
elif fence_try uname -a && [[ -n $out ]]; then
  kernel=${out%% *}
  fence_run uname -r
  release=$FENCE_OUT status=success
  message="uname -a answered ($kernel $release)"
else
  fence_classify_failure "EACCES EPERM" "uname was refused ({errno})" "uname -a failed (rc={rc} {errno})"
fi

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field kernel_name "$kernel" \
  --payload-raw-field kernel_release "$release"
