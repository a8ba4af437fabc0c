#!/usr/bin/env bash
# Can the probe write a shell script into /tmp and execute it?
set -euo pipefail

probe_name="proc_exec_tmp_script"
probe_version="2"
primary_capability_id="cap_proc_exec_toolchain_outside_workspace"
probe_platforms="linux macos"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

# the script is left for the harness, which checks it on the host and removes it (probes/README.md,
# "Host-side effects")
fence_write_and_run_script /tmp "in /tmp" "/tmp does not exist"

fence_emit --command "$cmd" --category process --verb exec --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field script "$script" \
  --payload-raw-field write_step "$write_step" \
  --payload-raw-field exec_step "$exec_step" \
  --payload-raw-field host_effect_path "$script"
