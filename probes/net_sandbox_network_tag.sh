#!/usr/bin/env bash
# Does the CODEX_SANDBOX_NETWORK_DISABLED marker agree with what a loopback TCP connect does?
set -euo pipefail

probe_name="net_sandbox_network_tag"
probe_version="2"
primary_capability_id="cap_net_disabled_with_tag"
secondary_capability_ids="cap_net_localhost_only"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

marker=${CODEX_SANDBOX_NETWORK_DISABLED:-}
connect_result=not-run
fence_tcp_connect "the host loopback listener" "" --require FENCE_LOOPBACK_TCP_PORT 127.0.0.1 "${FENCE_LOOPBACK_TCP_PORT:-}"
case $out in
  ok*)
    connect_result=connected
    if [[ -z $marker ]]; then
      status=success
      message="no CODEX_SANDBOX_NETWORK_DISABLED marker and the loopback connect worked: consistent"
    else
      status=partial
      message="CODEX_SANDBOX_NETWORK_DISABLED=$marker but the loopback connect worked: the marker overstates the block"
    fi
    ;;
  errno\ *)
    connect_result="$errno at $step"
    if [[ -n $marker ]]; then
      status=success
      message="CODEX_SANDBOX_NETWORK_DISABLED=$marker and the loopback connect failed ($errno): the marker matches"
      errno=''
    else
      status=partial
      message="no CODEX_SANDBOX_NETWORK_DISABLED marker but the loopback connect failed ($errno)"
    fi
    ;;
esac

fence_emit --command "$cmd" --category network --verb inspect --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field marker "${marker:-unset}" \
  --payload-raw-field connect_result "$connect_result"
