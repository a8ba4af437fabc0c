#!/usr/bin/env bash
# containment-overhead.sh [N]: what holding a probe run costs (docs/performance.md, "Containment").
#
# Runs an empty probe N times (default 300) in each configuration, taking turns run by run: bare from the JVM,
# through ProcessRunner held by the /proc scan, and through ProcessRunner held by a cgroup (where this user may
# make one). Prints the figures, the paired differences, nproc and the load average. Asserts nothing.
set -euo pipefail
exec "$(dirname "$0")/java.sh" ContainmentOverhead "$@"
