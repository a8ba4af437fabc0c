#!/usr/bin/env bash
# Can the probe open a /sys attribute for writing (closed without writing)?
set -euo pipefail

probe_name="kernel_sysfs_open_write"
probe_version="2"
primary_capability_id="cap_kernel_procfs_sysfs_write"
probe_platforms="linux"
: "${FENCE_BIN:=$(cd "$(dirname "$0")/../bin" && pwd)}"
. "$FENCE_BIN/probe-lib.sh"

fence_open_first_for_write /sys/kernel/mm/transparent_hugepage/enabled /sys/kernel/mm/ksm/run /sys/power/state

fence_emit --command "$cmd" --category kernel --verb open-write --target "$target" \
  --status "$status" --errno "$errno" --message "$message" \
  --raw-exit-code "$rc" \
  --payload-stdout "$out" --payload-stderr "$err" \
  --payload-raw-field opened_path "$target"
