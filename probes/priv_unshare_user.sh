#!/usr/bin/env bash
# Can the probe create a new user namespace (unshare -U true)?
set -euo pipefail

probe_name="priv_unshare_user"
probe_version="1"
primary_capability_id="cap_priv_namespace_creation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="user namespace"
printf -v cmd '%q ' unshare -U true
status=error
errno=''
message=''
rc=''
out=''
err=''
if ! fence_have unshare; then
  message="unshare not found on PATH"
else
  fence_run unshare -U true
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [[ $rc == 0 ]]; then
    status=success
    message="unshare -U true created a user namespace and ran true in it"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EPERM|EACCES|ENOSPC|EINVAL)
        status=denied
        message="creating a user namespace with unshare -U was refused ($errno)"
        ;;
      *)
        message="unshare -U true exited $rc without a recognised errno"
        ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category privilege --verb unshare --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field unshare_flags "-U"
