#!/usr/bin/env bash
# Does the codex config visible to the child (${CODEX_HOME:-$HOME/.codex}/config.toml) set approval_policy, and to which mode?
set -euo pipefail

probe_name="agent_approvals_mode"
probe_version="1"
primary_capability_id="cap_agent_approvals_mode"
probe_platforms="linux macos"
probe_tags="agent config"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

count='' policy=''
if fence_grep_codex_config "no config.toml at the codex home; approval_policy is the built-in default" \
  -E '^[[:space:]]*approval_policy[[:space:]]*='; then
  fence_count_lines "$out"
  count=$FENCE_LINES
  if [[ $count -gt 0 ]]; then
    value=${out%%$'\n'*}
    value=${value#*=}
    value=${value%%#*}
    value=${value//[[:space:]]/}
    value=${value//\"/}
    value=${value//\'/}
    case $value in
      untrusted|on-failure|on-request|never) policy=$value ;;
      *) policy=other ;;
    esac
  fi
  status=success
  if [[ $count -eq 0 ]]; then
    message="config.toml exists and does not set approval_policy"
  else
    message="config.toml sets approval_policy $count time(s); first value: $policy"
  fi
elif [[ $exists == false ]]; then
  count=0
fi

fence_emit --command "$cmd" --category agent --verb read-config --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field config_path "$target" \
  --payload-raw-field config_exists "$exists" \
  --payload-raw-field approval_policy_lines "$count" \
  --payload-raw-field approval_policy "$policy"
