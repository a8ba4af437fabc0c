#!/usr/bin/env bash
# Can the probe create an AF_PACKET raw socket (protocol 0, so it receives nothing)?
set -euo pipefail

probe_name="net_packet_socket"
probe_version="3"
primary_capability_id="cap_net_raw_and_packet_socket"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_PACKET, SOCK_RAW, 0)"
fence_socket_create "socket.AF_PACKET, socket.SOCK_RAW, 0" "an AF_PACKET raw socket"

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
