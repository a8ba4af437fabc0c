#!/usr/bin/env bash
# Which codex sandbox markers (CODEX_SANDBOX, CODEX_SANDBOX_NETWORK_DISABLED) does the child environment carry?
set -euo pipefail

probe_name="agent_env_marker"
probe_version="1"
primary_capability_id="cap_agent_sandbox_env_marker"
probe_platforms="linux macos"
probe_tags="agent env"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

target="CODEX_SANDBOX CODEX_SANDBOX_NETWORK_DISABLED"
errno='' rc='' sandbox_value='' sandbox_set='' netdis_value='' netdis_set='' rc_sandbox='' rc_netdis=''
printf -v cmd '%q ' printenv CODEX_SANDBOX
printf -v cmd2 '%q ' printenv CODEX_SANDBOX_NETWORK_DISABLED
cmd="$cmd; $cmd2"
if ! fence_have printenv; then
  status=error
  message="the tool printenv is not on PATH"
else
  fence_run printenv CODEX_SANDBOX
  rc_sandbox=$FENCE_RC
  if [[ $FENCE_RC == 0 ]]; then sandbox_set=true sandbox_value=$FENCE_OUT; else sandbox_set=false; fi
  fence_run printenv CODEX_SANDBOX_NETWORK_DISABLED
  rc_netdis=$FENCE_RC
  if [[ $FENCE_RC == 0 ]]; then netdis_set=true netdis_value=$FENCE_OUT; else netdis_set=false; fi
  status=success
  message="CODEX_SANDBOX=${sandbox_value:-<unset>} CODEX_SANDBOX_NETWORK_DISABLED=${netdis_value:-<unset>}"
fi
# two commands ran (one per variable): their exit codes go to payload.raw, raw_exit_code stays null
# names (never values) of every CODEX_* variable, for context
names=$(compgen -e | grep '^CODEX_' | tr '\n' ',' || true)
names=${names%,}

fence_emit --command "$cmd" --category agent --verb read-env --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-raw-field CODEX_SANDBOX_set "$sandbox_set" \
  --payload-raw-field CODEX_SANDBOX "$sandbox_value" \
  --payload-raw-field CODEX_SANDBOX_NETWORK_DISABLED_set "$netdis_set" \
  --payload-raw-field CODEX_SANDBOX_NETWORK_DISABLED "$netdis_value" \
  --payload-raw-field printenv_rc_CODEX_SANDBOX "$rc_sandbox" \
  --payload-raw-field printenv_rc_CODEX_SANDBOX_NETWORK_DISABLED "$rc_netdis" \
  --payload-raw-list codex_variable_names "$names"
