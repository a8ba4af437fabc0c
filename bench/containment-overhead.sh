#!/usr/bin/env bash
# containment-overhead.sh [N [PROBE_MS [GAP_MS]]]: what holding a probe run costs (docs/performance.md,
# "Containment").
#
# Runs a probe (empty, or `sleep PROBE_MS`) N times (default 300) in each configuration, in blocks of
# consecutive runs GAP_MS apart, the blocks taking turns: bare from the JVM, through ProcessRunner held by the
# /proc scan, and through ProcessRunner held by a cgroup (where this user may make one). Prints wall and CPU time
# per run, nproc and the load average. Asserts nothing.
set -euo pipefail
exec "$(dirname "$0")/java.sh" ContainmentOverhead "$@"
