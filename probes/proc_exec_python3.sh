#!/usr/bin/env bash
# Can the probe exec python3 (an interpreter outside the workspace) and get its output?
set -euo pipefail

probe_name="proc_exec_python3"
probe_version="2"
primary_capability_id="cap_proc_exec_toolchain_outside_workspace"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_exec_tool python3 -c 'print(1)'

fence_emit --command "$cmd" --category process --verb exec --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tool "$target"
