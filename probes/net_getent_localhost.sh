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
status=error
errno=''
message=''
rc=''
out=''
err=''
if ! fence_have getent; then
  message="getent not found on PATH"
else
  fence_run getent ahosts localhost
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  case $rc in
    0)
      status=success
      message="getent ahosts localhost answered"
      ;;
    2)
      status=denied
      errno=EAI_NONAME
      message="getent ahosts localhost found no entry"
      ;;
    *)
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      message="getent ahosts localhost exited $rc"
      ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category network --verb resolve --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
