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

projects='' trust=''
if fence_grep_codex_config "no config.toml at the codex home; no trusted projects declared" \
  -c -E '^[[:space:]]*\[projects'; then
  projects=$out
  fence_run grep -c -E '^[[:space:]]*trust_level[[:space:]]*=' "$target"
  trust=$FENCE_OUT status=success
  message="config.toml has $projects [projects] table(s) and $trust trust_level key(s); nothing else recorded"
elif [[ $exists == false ]]; then
  projects=0 trust=0
fi

fence_emit --command "$cmd" --category agent --verb read-config --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field config_path "$target" \
  --payload-raw-field config_exists "$exists" \
  --payload-raw-field projects_tables "$projects" \
  --payload-raw-field trust_level_keys "$trust"
