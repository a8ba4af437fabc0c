#!/usr/bin/env bash
# Can the probe create an AF_NETLINK NETLINK_ROUTE socket?
set -euo pipefail

probe_name="net_netlink_route_socket"
probe_version="3"
primary_capability_id="cap_net_netlink_socket"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)"
fence_socket_create "socket.AF_NETLINK, socket.SOCK_RAW, 0" "an AF_NETLINK route socket"

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
