#!/usr/bin/env bash
# Can a forked child of the probe switch its gid to 65534 (nogroup)?
set -euo pipefail

probe_name="priv_setgid_nobody"
probe_version="3"
primary_capability_id="cap_priv_uid_and_capability_change"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_forked_setid gid

fence_emit --command "$cmd" --category privilege --verb setgid --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
