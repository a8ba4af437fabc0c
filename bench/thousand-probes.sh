#!/usr/bin/env bash
# thousand-probes.sh [PARALLELISMS [COUNT]]: a generated tree of COUNT (default 1000) no-op probes run in
# baseline with each fixed parallelism (default: "2 4"); docs/performance.md, "1,000 probes in parallel".
#
# One JVM per parallelism, so the peak RSS (VmHWM) and the peak live thread count are that configuration's.
# Prints a Markdown table, nproc and the load average. Asserts nothing.
set -euo pipefail

here=$(cd -P "$(dirname "$0")" && pwd -P)
parallelisms=${1:-2 4}
count=${2:-1000}

"$here/java.sh" --build   # once; the runs below skip the build
echo "machine: $(uname -srm), nproc $(nproc 2>/dev/null || sysctl -n hw.ncpu), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "engine:  $(cd "$here/target/lib" && ls codex-fence-engine-*.jar) from the local Maven repository"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo
echo "| probes | execution | tests run / skipped / failed | wall | wall per probe | JVM peak RSS | peak live threads | load 1 min (start → end) |"
echo "|---|---|---|---|---|---|---|---|"
for p in $parallelisms; do
  BENCH_NO_BUILD=1 "$here/java.sh" ThousandProbes "$p" "$count" 2> >(grep -v '^engine: \|^codex-fence: ' >&2 || true)
done
