# codex-fence — build and install the command-line tool.
#
#   make                         build the command's jar and its runtime classpath (Maven: cli and what it needs)
#   make install PREFIX=~/.local install into PREFIX (default /usr/local); DESTDIR is honoured
#   make uninstall PREFIX=...    remove what install put there
#   make test                    the whole test suite (mvn -B verify)
#
# Layout of an install:
#   $(PREFIX)/bin/codex-fence                     launcher (java -Dfence.root=$(PREFIX)/share/codex-fence …)
#   $(PREFIX)/share/codex-fence/lib/              codex-fence-cli jar + its runtime classpath (engine, probe runtime, …)
#   $(PREFIX)/share/codex-fence/probes/           the probes (*.sh) and their README.md
#   $(PREFIX)/share/codex-fence/schema/           cfbo-v1 schema, capability catalog and its schema
#   $(PREFIX)/share/codex-fence/bin/              emit-record and the other probe helpers (real files)
#   $(PREFIX)/share/codex-fence/expectations/     the drift gate's expectations, one file per stack

PREFIX ?= /usr/local
DESTDIR ?=
MVN ?= mvn
INSTALL ?= install

SHARE := $(PREFIX)/share/codex-fence
DEST_SHARE := $(DESTDIR)$(SHARE)
DEST_BIN := $(DESTDIR)$(PREFIX)/bin
HELPERS := $(wildcard probe-runtime/src/main/bash/*)

.PHONY: all build install uninstall test

all: build

build:
	$(MVN) -q -B -DskipTests -pl cli -am package

install: build
	@test -n "$(PREFIX)" || { echo "PREFIX is empty" >&2; exit 1; }
	@test -n "$(HELPERS)" || { echo "no probe helpers in probe-runtime/src/main/bash" >&2; exit 1; }
	rm -rf "$(DEST_SHARE)"
	$(INSTALL) -d "$(DEST_SHARE)/lib" "$(DEST_SHARE)/probes" "$(DEST_SHARE)/schema" "$(DEST_SHARE)/bin" "$(DEST_SHARE)/expectations" "$(DEST_BIN)"
	@set -e; for f in cli/target/codex-fence-cli-*.jar; do \
	  case $$f in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) $(INSTALL) -m 644 "$$f" "$(DEST_SHARE)/lib/";; esac; \
	done
	$(INSTALL) -m 644 cli/target/lib/*.jar "$(DEST_SHARE)/lib/"
	$(INSTALL) -m 755 probes/*.sh "$(DEST_SHARE)/probes/"
	$(INSTALL) -m 644 probes/README.md "$(DEST_SHARE)/probes/"
	$(INSTALL) -m 644 schema/*.json schema/README.md "$(DEST_SHARE)/schema/"
	$(INSTALL) -m 644 expectations/*.json expectations/README.md "$(DEST_SHARE)/expectations/"
	@set -e; for f in $(HELPERS); do \
	  case $$f in *.sh) mode=644;; *) mode=755;; esac; \
	  cp -L "$$f" "$(DEST_SHARE)/bin/$$(basename "$$f")"; chmod $$mode "$(DEST_SHARE)/bin/$$(basename "$$f")"; \
	done
	sed "s|^installed_home=.*|installed_home='$(SHARE)'|" bin/codex-fence > "$(DEST_BIN)/codex-fence.tmp"
	chmod 755 "$(DEST_BIN)/codex-fence.tmp"
	mv "$(DEST_BIN)/codex-fence.tmp" "$(DEST_BIN)/codex-fence"
	@echo "installed codex-fence into $(PREFIX) (run: $(PREFIX)/bin/codex-fence --help)"

uninstall:
	@test -n "$(PREFIX)" || { echo "PREFIX is empty" >&2; exit 1; }
	rm -f "$(DEST_BIN)/codex-fence"
	rm -rf "$(DEST_SHARE)"

test:
	$(MVN) -B verify

# ---- start-up benchmark (docs/performance.md, "CLI start-up") ----------------------------------------
# Time from starting $(BENCH_LAUNCHER) (default bin/codex-fence; an installed $(PREFIX)/bin/codex-fence works
# too) to its first NDJSON line, for `--rattle --probe $(BENCH_PROBE) --mode
# baseline`, $(BENCH_RUNS) rounds; each round runs every JVM configuration once (interleaved, so that load
# changes hit all of them alike). Prints the machine, its cores and load, then min / median / max per
# configuration. Needs perl (Time::HiRes), as macOS and Linux ship it.
BENCH_PROBE ?= fs_read_etc_hosts
BENCH_RUNS ?= 5
BENCH_LAUNCHER ?= bin/codex-fence

define BENCH_SCRIPT
use strict; use warnings; use Time::HiRes qw(time);
my ($launcher, $probe, $runs) = @ARGV;
my @cmd = ($launcher, "--rattle", "--probe", $probe, "--mode", "baseline");
my @configs = (   # [name, CODEX_FENCE_JVM_FLAGS (undef: the launcher's default), CODEX_FENCE_CDS]
  ["no flags",             "",                                         "0"],
  ["C1",                   "-XX:TieredStopAtLevel=1",                  "0"],
  ["C1 + SerialGC",        "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", "0"],
  ["C1 + SerialGC + CDS",  "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", "1"],
  ["default: C1 + CDS",    undef,                                      "1"],
);
sub first_line {
  my ($flags, $cds) = @_;
  if (defined $flags) { $ENV{CODEX_FENCE_JVM_FLAGS} = $flags } else { delete $ENV{CODEX_FENCE_JVM_FLAGS} }
  $ENV{CODEX_FENCE_CDS} = $cds;
  my $start = time;
  open(my $p, "-|", @cmd) or die "cannot run @cmd: $!";
  my $line = <$p>;
  my $ms = (time - $start) * 1000;
  1 while <$p>;
  close $p;
  die "no NDJSON line from @cmd\n" unless defined $line && $line =~ /^\{/;
  return $ms;
}
open(my $saved_err, ">&", \*STDERR) or die; open(STDERR, ">", "/dev/null") or die;   # the CLI's own stderr
first_line(undef, "1") for 1 .. 2;   # build if needed, record and adopt the class-data archive
my %ms;
for my $round (1 .. $runs) {
  for my $c (@configs) { push @{$ms{$c->[0]}}, first_line($c->[1], $c->[2]) }
}
open(STDERR, ">&", $saved_err) or die;
chomp(my $uname = `uname -srm`); chomp(my $cores = `getconf _NPROCESSORS_ONLN`);
chomp(my $load = `uptime`); $load =~ s/.*load averages?: //;
chomp(my $jv = `java -version 2>&1 | head -n 1`);
printf "%s, %s cores, load %s, %s\n", $uname, $cores, $load, $jv;
printf "first NDJSON line after (ms), %d runs each:\n", $runs;
for my $c (@configs) {
  my @s = sort { $a <=> $b } @{$ms{$c->[0]}};
  printf "  %-20s min %5.0f  median %5.0f  max %5.0f\n", $c->[0], $s[0], $s[int($#s / 2)], $s[-1];
}
endef
export BENCH_SCRIPT_TEXT := $(value BENCH_SCRIPT)

.PHONY: bench-startup
bench-startup:
	@perl -e "$$BENCH_SCRIPT_TEXT" "$(BENCH_LAUNCHER)" "$(BENCH_PROBE)" "$(BENCH_RUNS)"
