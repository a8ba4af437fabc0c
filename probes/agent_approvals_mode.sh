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

rc='' errno='' err='' exists='' count='' policy=''
pattern='^[[:space:]]*approval_policy[[:space:]]*='
if [[ -n ${CODEX_HOME:-} || -n ${HOME:-} ]]; then
  target="${CODEX_HOME:-$HOME/.codex}/config.toml"
else
  target='${CODEX_HOME:-$HOME/.codex}/config.toml'
fi
printf -v cmd '%q ' grep -E "$pattern" "$target"
if [[ -z ${CODEX_HOME:-} && -z ${HOME:-} ]]; then
  status=error
  message="neither CODEX_HOME nor HOME is set"
elif ! fence_have grep; then
  status=error
  message="the tool grep is not on PATH"
elif [[ ! -e $target ]]; then
  exists=false count=0 status=success
  message="no config.toml at the codex home; approval_policy is the built-in default"
else
  exists=true
  # only the matching key lines are read into the probe; nothing else of the file is kept
  fence_run grep -E "$pattern" "$target"
  rc=$FENCE_RC err=$FENCE_ERR
  if [[ $rc -le 1 ]]; then
    fence_count_lines "$FENCE_OUT"
    count=$FENCE_LINES
    if [[ $count -gt 0 ]]; then
      value=${FENCE_OUT%%$'\n'*}
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
  --payload-raw-field approval_policy_lines "$count" \
  --payload-raw-field approval_policy "$policy"
