#!/usr/bin/env bash
# Can the probe open a TCP connection to a listener on the host's 127.0.0.1?
set -euo pipefail

probe_name="net_tcp_connect_loopback"
probe_version="2"
primary_capability_id="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_tcp_connect "the host loopback listener" "EPERM EACCES ECONNREFUSED ENETUNREACH EHOSTUNREACH ETIMEDOUT EADDRNOTAVAIL" \
  --require FENCE_LOOPBACK_TCP_PORT 127.0.0.1 "${FENCE_LOOPBACK_TCP_PORT:-}"

fence_emit --command "$cmd" --category network --verb connect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
