#!/usr/bin/env bash
# integrity-check.sh [RUNS [ROUNDS]]: what the harness-integrity checks cost per probe run (docs/performance.md).
#
# Drives the engine's IntegrityWatch with the run's helpers and one ready workspace registered, begin + end as
# around every probe run, RUNS times in ROUNDS rounds (default 2000 10), plus one helper check and one workspace
# hand-out on their own; prints median/mean/p10/p90, nproc and the load average. Target: <= 1 ms per run.
# Asserts nothing.
set -euo pipefail
exec "$(dirname "$0")/java.sh" IntegrityCheck "$@"
