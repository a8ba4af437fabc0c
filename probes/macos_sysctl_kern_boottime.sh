#!/usr/bin/env bash
# Can the process read the sysctl kern.boottime (boot time of the host)?
set -euo pipefail

probe_name="macos_sysctl_kern_boottime"
probe_version="1"
primary_capability_id="cap_sysctl_read_sensitive"
probe_platforms="macos"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="kern.boottime"
errno=''
rc=''
out=''
err=''
lines=''
printf -v cmd '%q ' sysctl -n "$target"
if ! fence_have sysctl; then
  status=error
  message="the tool sysctl is not on PATH"
else
  fence_run sysctl -n "$target"
  rc=$FENCE_RC
  out=$FENCE_OUT
  err=$FENCE_ERR
  if [ "$rc" -eq 0 ] && [ -n "$out" ]; then
    lines=$(printf '%s\n' "$out" | wc -l | tr -d ' ')
    status=success
    message="sysctl kern.boottime answered ($lines line(s))"
  else
    fence_errno_from_text "$err"
    errno=$FENCE_ERRNO
    case $errno in
      EACCES|EPERM) status=denied; message="sysctl kern.boottime was refused ($errno)" ;;
      *) status=error; message="sysctl kern.boottime gave no value (rc=$rc ${errno:-no errno})" ;;
    esac
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field sysctl "$target" \
  --payload-raw-field lines "$lines"
