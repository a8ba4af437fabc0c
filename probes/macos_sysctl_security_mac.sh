#!/usr/bin/env bash
# Can the process read the MAC framework sysctls under security.mac (sandbox and AMFI settings)?
set -euo pipefail

probe_name="macos_sysctl_security_mac"
probe_version="1"
primary_capability_id="cap_sysctl_read_sensitive"
probe_platforms="macos"
probe_tags="sysctl read"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_read_sysctl security.mac

fence_emit --command "$cmd" --category sysctl --verb read --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field sysctl "$target" \
  --payload-raw-field lines "$lines"
