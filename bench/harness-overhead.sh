#!/usr/bin/env bash
# harness-overhead.sh [N [ROUNDS]]: harness overhead per probe run (docs/performance.md).
#
# Runs N generated no-op probes (one emit-record call each) through the codex-fence engine with
# modes=baseline, sequentially, via the JUnit Platform Launcher, and N plain `bash PROBE` runs from the
# same JVM, in ROUNDS interleaved rounds (default 200 10). Prints the per-run median/mean from the
# test events, the ratio to bare bash (target: <= 15 ms and <= 3x), nproc and the load average, then the
# time of each step the engine takes per run. Asserts nothing.
set -euo pipefail
exec "$(dirname "$0")/java.sh" HarnessOverhead "$@"
