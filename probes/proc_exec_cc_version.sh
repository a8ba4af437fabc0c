#!/usr/bin/env bash
# Can the probe exec the C compiler driver cc (outside the workspace) for its version?
set -euo pipefail

probe_name="proc_exec_cc_version"
probe_version="2"
primary_capability_id="cap_proc_exec_toolchain_outside_workspace"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_exec_tool cc --version

fence_emit --command "$cmd" --category process --verb exec --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field tool "$target"
