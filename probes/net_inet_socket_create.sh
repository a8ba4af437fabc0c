#!/usr/bin/env bash
# Can the probe create an AF_INET TCP socket (no connection made)?
set -euo pipefail

probe_name="net_inet_socket_create"
probe_version="3"
primary_capability_id="cap_net_localhost_only"
secondary_capability_ids="cap_net_outbound_any"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_INET, SOCK_STREAM)"
fence_socket_create "socket.AF_INET, socket.SOCK_STREAM" "an AF_INET stream socket"

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
