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
errno='' addresses=''
if ! fence_try head -n 1 "$target"; then
  fence_classify_failure "EACCES EPERM" "reading /proc/kallsyms was refused ({errno})" \
    "could not read /proc/kallsyms (rc={rc} {errno})"
elif [[ -z $out ]]; then
  status=error
  message="/proc/kallsyms opened but was empty"
else
  case ${out%% *} in
    *[!0]*) addresses=visible ;;
    *) addresses=zeroed ;;
  esac
  status=success
  message="opened /proc/kallsyms; symbol addresses are $addresses (no address recorded)"
fi

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field symbol_addresses "$addresses"
