#!/usr/bin/env bash
# Can the probe create a user namespace and map itself to root in it (unshare -Ur true)?
set -euo pipefail

probe_name="priv_unshare_user_maproot"
probe_version="2"
primary_capability_id="cap_priv_namespace_creation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="user namespace mapped to root"
fence_attempt "creating a user namespace mapped to root with unshare -Ur" "EPERM EACCES ENOSPC EINVAL" unshare -Ur true

fence_emit --command "$cmd" --category privilege --verb unshare --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field unshare_flags "-Ur"
