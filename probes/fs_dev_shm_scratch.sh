#!/usr/bin/env bash
# Can the process create a scratch file in /dev/shm (POSIX shared memory backing store)?
set -euo pipefail

probe_name="fs_dev_shm_scratch"
probe_version="2"
primary_capability_id="cap_fs_dev_shm_shared_memory"
probe_platforms="linux"
probe_tags="write shm"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_create_scratch_file /dev/shm

fence_emit --command "$cmd" --category fs --verb write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" --payload-stderr "$err" \
  --payload-raw-field path "$target" \
  --payload-raw-field host_effect_path "$target"
