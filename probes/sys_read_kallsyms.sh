#!/usr/bin/env bash
# Can the process read /proc/kallsyms, and are kernel symbol addresses visible or zeroed (kptr_restrict)?
set -euo pipefail

probe_name="sys_read_kallsyms"
probe_version="1"
primary_capability_id="cap_sysctl_read_sensitive"
probe_platforms="linux"
probe_tags="sysctl read kernel"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target=/proc/kallsyms
errno=''
addresses=''
printf -v cmd '%q ' head -n 1 "$target"
fence_run head -n 1 "$target"
rc=$FENCE_RC
err=$FENCE_ERR
first=$FENCE_OUT
if [ "$rc" -eq 0 ] && [ -n "$first" ]; then
  addr=${first%% *}
  case $addr in
    *[!0]*) addresses=visible ;;
    *) addresses=zeroed ;;
  esac
  status=success
  message="opened /proc/kallsyms; symbol addresses are $addresses (no address recorded)"
elif [ "$rc" -eq 0 ]; then
  status=error
  message="/proc/kallsyms opened but was empty"
else
  fence_errno_from_text "$err"
  errno=$FENCE_ERRNO
  case $errno in
    EACCES|EPERM) status=denied; message="reading /proc/kallsyms was refused ($errno)" ;;
    *) status=error; message="could not read /proc/kallsyms (rc=$rc ${errno:-no errno})" ;;
  esac
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field symbol_addresses "$addresses"
