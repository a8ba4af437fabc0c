#!/usr/bin/env bash
# Can the probe create a raw ICMP socket (nothing is sent)?
set -euo pipefail

probe_name="net_raw_icmp_socket"
probe_version="3"
primary_capability_id="cap_net_raw_and_packet_socket"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)"
fence_socket_create "socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP" "a raw ICMP socket"

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
