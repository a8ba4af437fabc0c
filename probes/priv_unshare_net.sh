#!/usr/bin/env bash
# Can the probe create a new network namespace (unshare -n true)?
set -euo pipefail

probe_name="priv_unshare_net"
probe_version="2"
primary_capability_id="cap_priv_namespace_creation"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="network namespace"
fence_attempt "creating a network namespace with unshare -n" "EPERM EACCES ENOSPC EINVAL" unshare -n true

fence_emit --command "$cmd" --category privilege --verb unshare --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field unshare_flags "-n"
