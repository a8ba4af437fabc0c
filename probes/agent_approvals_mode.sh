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

rc=''
errno=''
err=''
exists=''
count=''
policy=''
pattern='^[[:space:]]*approval_policy[[:space:]]*='
if [ -z "${CODEX_HOME:-}" ] && [ -z "${HOME:-}" ]; then
  target='${CODEX_HOME:-$HOME/.codex}/config.toml'
  printf -v cmd '%q ' grep -E "$pattern" "$target"
  status=error
  message="neither CODEX_HOME nor HOME is set"
else
  target="${CODEX_HOME:-$HOME/.codex}/config.toml"
  printf -v cmd '%q ' grep -E "$pattern" "$target"
  if ! fence_have grep; then
    status=error
    message="the tool grep is not on PATH"
  elif [ ! -e "$target" ]; then
    exists=false
    count=0
    status=success
    message="no config.toml at the codex home; approval_policy is the built-in default"
  else
    exists=true
    # only the matching key lines are read into the probe; nothing else of the file is kept
    fence_run grep -E "$pattern" "$target"
    rc=$FENCE_RC
    err=$FENCE_ERR
    if [ "$rc" -le 1 ]; then
      count=0
      if [ -n "$FENCE_OUT" ]; then
        count=$(printf '%s\n' "$FENCE_OUT" | wc -l | tr -d ' ')
        first=${FENCE_OUT%%$'\n'*}
        value=${first#*=}
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
      if [ "$count" -eq 0 ]; then
        message="config.toml exists and does not set approval_policy"
      else
        message="config.toml sets approval_policy $count time(s); first value: $policy"
      fi
    else
      fence_errno_from_text "$err"
      errno=$FENCE_ERRNO
      case $errno in
        EACCES|EPERM) status=denied; message="reading the codex config was refused ($errno)" ;;
        *) status=error; message="grep on the codex config failed (rc=$rc ${errno:-no errno})" ;;
      esac
    fi
  fi
fi

"$FENCE_BIN/emit-record" \
  --run-mode "${FENCE_RUN_MODE:-baseline}" \
  --probe-name "$probe_name" --probe-version "$probe_version" \
  --primary-capability-id "$primary_capability_id" \
  --command "$cmd" --category agent --verb read-config --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field config_path "$target" \
  --payload-raw-field config_exists "$exists" \
  --payload-raw-field approval_policy_lines "$count" \
  --payload-raw-field approval_policy "$policy"
