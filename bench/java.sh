#!/usr/bin/env bash
# java.sh CLASS [ARGS...]: builds the benchmarks (mvn -f bench/pom.xml package, against the engine in the
# local Maven repository) and runs dev.codexfence.bench.CLASS. `java.sh --build` only builds.
# Used by the benchmark scripts next to it.
#   BENCH_NO_BUILD=1   skip the Maven build (use bench/target as it is)
#   BENCH_MAVEN_ARGS   extra Maven arguments, e.g. -o
#   JAVA_OPTS          extra JVM options
set -euo pipefail

here=$(cd -P "$(dirname "$0")" && pwd -P)
class=$1
shift

if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  log=$(mktemp)
  # shellcheck disable=SC2086
  if ! mvn -B -q ${BENCH_MAVEN_ARGS:-} -f "$here/pom.xml" package >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "bench: the build failed; is the engine installed? (mvn -B install -DskipTests at the repository root)" >&2
    exit 1
  fi
  rm -f "$log"
fi
[ "$class" = --build ] && exit 0
jar=$(ls "$here"/target/lib/codex-fence-engine-*.jar)
echo "engine: $(basename "$jar") from the local Maven repository, built $(date -r "$jar" '+%Y-%m-%d %H:%M')" >&2
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${JAVA_OPTS:-} -cp "$here/target/classes:$here/target/lib/*" "dev.codexfence.bench.$class" "$@"
