#!/usr/bin/env bash
# discovery-scale.sh [SIZES [RUNS]]: discovery time of generated probe roots (docs/performance.md).
#
# Generates probe roots of each size (default 100,1000,10000) and times launcher.discover() on them
# (no execution; default modes, so 3 tests per probe), RUNS times each (default 5); prints the median,
# the cost per probe, the first (cold) discovery of the JVM, nproc, the load average and the peak RSS.
# Target: <= 2 s at 10,000 probes. Asserts nothing.
set -euo pipefail
exec "$(dirname "$0")/java.sh" DiscoveryScale "$@"
