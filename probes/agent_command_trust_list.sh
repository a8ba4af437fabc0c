#!/usr/bin/env bash
# Does the codex config visible to the child declare trusted projects (counts of [projects...] tables and trust_level keys only)?
set -euo pipefail

probe_name="agent_command_trust_list"
probe_version="1"
primary_capability_id="cap_agent_command_trust_list"
probe_platforms="linux macos"
probe_tags="agent config"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

rc='' errno='' err='' exists='' projects='' trust=''
if [[ -n ${CODEX_HOME:-} || -n ${HOME:-} ]]; then
  target="${CODEX_HOME:-$HOME/.codex}/config.toml"
else
  target='${CODEX_HOME:-$HOME/.codex}/config.toml'
fi
printf -v cmd '%q ' grep -c -E '^[[:space:]]*\[projects' "$target"
if [[ -z ${CODEX_HOME:-} && -z ${HOME:-} ]]; then
  status=error
  message="neither CODEX_HOME nor HOME is set"
elif ! fence_have grep; then
  status=error
  message="the tool grep is not on PATH"
elif [[ ! -e $target ]]; then
  exists=false projects=0 trust=0 status=success
  message="no config.toml at the codex home; no trusted projects declared"
else
  exists=true
  fence_run grep -c -E '^[[:space:]]*\[projects' "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc -le 1 ]]; then
    projects=$FENCE_OUT
    fence_run grep -c -E '^[[:space:]]*trust_level[[:space:]]*=' "$target"
    trust=$FENCE_OUT
    status=success
    message="config.toml has $projects [projects] table(s) and $trust trust_level key(s); nothing else recorded"
  else
    fence_classify_failure "EACCES EPERM" "reading the codex config was refused ({errno})" \
      "grep on the codex config failed (rc={rc} {errno})"
  fi
fi

fence_emit --command "$cmd" --category agent --verb read-config --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field config_path "$target" \
  --payload-raw-field config_exists "$exists" \
  --payload-raw-field projects_tables "$projects" \
  --payload-raw-field trust_level_keys "$trust"
