#!/usr/bin/env bash
# Can the probe resolve localhost through NSS (getent ahosts localhost)?
set -euo pipefail

probe_name="net_getent_localhost"
probe_version="2"
primary_capability_id="cap_net_dns_resolution"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=localhost
printf -v cmd '%q ' getent ahosts localhost
status=error errno='' message='' rc='' out='' err=''
if ! fence_have getent; then
  message="getent not found on PATH"
elif fence_try getent ahosts localhost; then
  status=success
  message="getent ahosts localhost answered"
elif [[ $rc == 2 ]]; then
  status=denied errno=EAI_NONAME
  message="getent ahosts localhost found no entry"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  message="getent ahosts localhost exited $rc"
fi

fence_emit --command "$cmd" --category network --verb resolve --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
