#!/usr/bin/env bash
# run-example.sh: builds and runs the downstream example, so that it cannot rot.
#
#   examples/run-example.sh [MAVEN_ARGS...]      e.g. examples/run-example.sh -o   (offline)
#
# Needs the engine, the junit API and the CLI in the local Maven repository (`mvn -B install -DskipTests` from
# the repository root).
# Runs `mvn -B -q -f examples/downstream/pom.xml test`, then checks what it produced:
#   - every probe × mode test that ran (Surefire XML, skipped ones excluded) has exactly one record in the
#     run's NDJSON, and the NDJSON has no record for a test that did not run (preflight records aside);
#   - every probe of examples/downstream/probes that applies to this platform ran in baseline;
#   - every line is a valid cfbo-v1 record (`codex-fence --listen` of the codex-fence-cli of the same version).
# Codex modes run when the codex CLI is found (PATH, or .tools/codex in this folder or a parent), else
# they are skipped and only baseline is checked. Prints the elapsed time. Exit 0 when all holds.
set -euo pipefail

root=$(cd -P "$(dirname "$0")/.." && pwd -P)
example=$root/examples/downstream
out=$example/target/codex-fence
reports=$example/target/surefire-reports
start=$(date +%s)

fail() {
  printf 'run-example: %s\n' "$*" >&2
  exit 1
}

command -v python3 >/dev/null 2>&1 || fail "needs python3 (to read the Surefire XML and the NDJSON)"

rm -rf "$out" "$reports"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! mvn -B -q "$@" -f "$example/pom.xml" test >"$log" 2>&1; then
  cat "$log" >&2
  repo=${MAVEN_REPO:-$HOME/.m2/repository}
  if ! ls "$repo"/dev/codexfence/codex-fence-engine/*/codex-fence-engine-*.jar >/dev/null 2>&1; then
    fail "the engine is not in $repo; install it first: (cd $root && mvn -B install -DskipTests)"
  fi
  fail "mvn test failed in examples/downstream (see above and $reports)"
fi

shopt -s nullglob
files=("$out"/codex-fence-[0-9]*.ndjson)   # the engine's run; HomePolicyTest writes codex-fence-HomePolicyTest-*.ndjson
shopt -u nullglob
[ "${#files[@]}" -eq 1 ] || fail "expected one NDJSON file in $out, found ${#files[@]}"
ndjson=${files[0]}

python3 - "$reports" "$ndjson" "$example/probes" <<'PY' || fail "records and tests disagree (above)"
import glob, json, os, re, sys, xml.etree.ElementTree as ET

reports, ndjson, probes = sys.argv[1:4]
platform = {"linux": "linux", "darwin": "macos"}.get(sys.platform, sys.platform)

ran, skipped = [], []
for f in glob.glob(os.path.join(reports, "TEST-*.xml")):
    for case in ET.parse(f).getroot().iter("testcase"):
        m = re.fullmatch(r"(\S+) \[([a-z-]+)\]", case.get("name", ""))
        if not m or m.group(2) in ("coverage", "contract"):
            continue
        (skipped if case.find("skipped") is not None else ran).append(m.group(0))

records = []
with open(ndjson, encoding="utf-8") as fh:
    for number, line in enumerate(fh, 1):
        if line.strip():
            r = json.loads(line)
            records.append((number, "%s [%s]" % (r["probe"]["id"], r["run"]["mode"]), r["result"]["observed_result"]))

problems = []
names = [n for _, n, _ in records if not n.startswith("codex_fence_preflight ")]
for test in sorted(set(ran)):
    if names.count(test) != 1:
        problems.append("%s ran but has %d records" % (test, names.count(test)))
for name in sorted(set(names) - set(ran)):
    problems.append("record for %s, which did not run" % name)

expected = []
for path in sorted(glob.glob(os.path.join(probes, "*.sh"))):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'^probe_platforms="([^"]*)"', text, re.M)
    if m is None or platform in m.group(1).split():
        expected.append(os.path.basename(path)[:-3] + " [baseline]")
if not expected:
    problems.append("no probe of %s applies to %s" % (probes, platform))
for test in expected:
    if test not in ran:
        problems.append("%s did not run" % test)

for p in problems:
    print("run-example: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
modes = sorted({n[n.index("[") + 1:-1] for n in ran})
print("run-example: %d probe runs, %d records (%s), %d skipped runs; modes: %s" % (
    len(ran), len(records), ", ".join("%s %s" % (n, r) for _, n, r in records), len(skipped), ", ".join(modes)))
PY

# Validate with the codex-fence release the example ran on (the --listen of its codex-fence-cli, from the same
# local repository), not with a build of this checkout. The example itself does not depend on the CLI: a
# throw-away pom next to it resolves the CLI's runtime classpath.
version=$(sed -n 's|^[[:space:]]*<codex-fence.version>\([^<]*\)</codex-fence.version>.*|\1|p' "$example/pom.xml")
[ -n "$version" ] || fail "no <codex-fence.version> in $example/pom.xml"
listen_pom=$example/target/listen-cli/pom.xml
mkdir -p "$(dirname "$listen_pom")"
cat >"$listen_pom" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>fence-downstream-example-listen</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>dev.codexfence</groupId>
      <artifactId>codex-fence-cli</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
</project>
XML
cp_file=$example/target/listen-cli/classpath.txt
if ! mvn -B -q "$@" -f "$listen_pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >"$log" 2>&1; then
  cat "$log" >&2
  fail "could not resolve the classpath of codex-fence-cli $version (install it: (cd $root && mvn -B install -DskipTests))"
fi
if ! listen=$(java -cp "$(cat "$cp_file")" dev.codexfence.cli.Main --listen <"$ndjson" 2>&1); then
  printf '%s\n' "$listen" >&2
  fail "$ndjson holds lines that are not valid cfbo-v1 records"
fi
printf 'run-example: %s\n' "$(printf '%s\n' "$listen" | head -n 1)"
printf 'run-example: ok in %d s\n' "$(( $(date +%s) - start ))"
