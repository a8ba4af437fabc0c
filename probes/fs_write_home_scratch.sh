#!/usr/bin/env bash
# Can the process create a new scratch file directly in $HOME?
set -euo pipefail

probe_name="fs_write_home_scratch"
probe_version="2"
primary_capability_id="cap_fs_write_user_home"
probe_platforms="linux"
probe_tags="write user"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

if [[ -n ${HOME:-} ]]; then
  fence_create_scratch_file "$HOME"
else
  rc='' errno='' err=''
  target='$HOME/'".codex-fence-${probe_name}"
  printf -v cmd '%q ' sh -c 'printf "%s\n" codex-fence-scratch > "$1"' sh "$target"
  status=error
  message="HOME is not set"
fi

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
