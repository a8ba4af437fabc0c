#!/usr/bin/env bash
# Can the probe create an AF_UNIX stream socket (no bind or connect)?
set -euo pipefail

probe_name="net_unix_socket_create"
probe_version="3"
primary_capability_id="cap_net_unix_socket_connect_bind"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="socket(AF_UNIX, SOCK_STREAM)"
fence_socket_create "socket.AF_UNIX, socket.SOCK_STREAM" "an AF_UNIX stream socket"

fence_emit --command "$cmd" --category network --verb create --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
