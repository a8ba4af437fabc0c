#!/usr/bin/env bash
# Can the probe spawn a background child, see it run, and terminate and reap it?
set -euo pipefail

probe_name="proc_background_child_reap"
probe_version="2"
primary_capability_id="cap_proc_fork_and_child_spawn"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target='sleep'
cmd='sleep 5 & kill -0 "$!"; kill -TERM "$!"; wait "$!"'
status=error errno='' message='' rc='' out='' err='' bg='' alive_step=not-run reap_step=not-run
gone_step=not-run
cleanup() {
  if [[ -n $bg ]]; then
    kill -KILL "$bg" 2>/dev/null || true
    wait "$bg" 2>/dev/null || true
  fi
}
if ! fence_have sleep; then
  message="sleep not found on PATH"
else
  # The child is forked before the EXIT trap exists. With a trap set, bash catches SIGTERM to run it, and a
  # child forked then keeps that handler until it execs sleep: a TERM landing in that window ended the child
  # with status 0 instead of 143, depending on scheduling. Without a trap the child has the default
  # disposition from fork to exit, so the TERM always ends it with 143.
  # shellcheck disable=SC2217 # sleep reads nothing: the child must just not hold the probe's stdin
  sleep 5 >/dev/null 2>&1 </dev/null &
  bg=$!
  trap cleanup EXIT
  if kill -0 "$bg" 2>/dev/null; then
    alive_step=ok
  else
    alive_step=failed
  fi
  kill -TERM "$bg" 2>/dev/null || true
  code=0
  wait "$bg" 2>/dev/null || code=$?
  rc=$code
  reap_step="exit-$code"
  if kill -0 "$bg" 2>/dev/null; then
    gone_step=still-running
  else
    gone_step=ok
    bg=''
  fi
  if [[ $alive_step == ok && $gone_step == ok && $code == 143 ]]; then
    status=success
    message="spawned a background child, saw it running, terminated it with SIGTERM and reaped it (status $code)"
  elif [[ $alive_step != ok ]]; then
    message="the background child was not running right after spawn (wait status $code)"
  else
    message="the background child could not be terminated and reaped cleanly (wait status $code, gone: $gone_step)"
  fi
fi

fence_emit --command "$cmd" --category process --verb spawn --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field alive_step "$alive_step" \
  --payload-raw-field reap_step "$reap_step" \
  --payload-raw-field gone_step "$gone_step"
