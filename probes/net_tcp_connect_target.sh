#!/usr/bin/env bash
# Can the probe open a TCP connection to the harness's outbound target (FENCE_NET_TARGET_HOST:PORT)?
set -euo pipefail

probe_name="net_tcp_connect_target"
probe_version="2"
primary_capability_id="cap_net_outbound_any"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_tcp_connect "the outbound target" \
  "EPERM EACCES ECONNREFUSED ENETUNREACH EHOSTUNREACH ETIMEDOUT EADDRNOTAVAIL EAI_AGAIN EAI_NONAME" \
  --require FENCE_NET_TARGET_HOST --require FENCE_NET_TARGET_PORT "${FENCE_NET_TARGET_HOST:-}" "${FENCE_NET_TARGET_PORT:-}"

fence_emit --command "$cmd" --category network --verb connect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err"
