package dev.codexfence.cli;

import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * One test of a discovered test plan as its descriptor describes it: what its unique id's segments name (by the
 * engine's {@link FenceUniqueIds} segment types), its tags and its source. Nothing is derived again from the probe
 * files or the catalog.
 *
 * @param kind what the test checks
 * @param release the codex release of a test below a release container, else empty
 * @param capability the capability it hangs below, else empty (a contract test)
 * @param probe the probe id of a run, the file name of a probe breaking the contract, else empty
 * @param mode the run mode of a run, else empty
 * @param tags its tag names, as the engine gave them
 * @param source where it comes from ({@code file:line}), else empty
 */
record PlannedTest(
        Kind kind, String release, String capability, String probe, String mode, Set<String> tags, String source) {

    /** The engine's three kinds of test. */
    enum Kind {
        /** A probe in one mode: its result is a record. */
        RUN,
        /** A capability that no probe exercises here. */
        COVERAGE,
        /** A probe file that breaks the probe contract. */
        CONTRACT
    }

    /** The test {@code test} of the codex-fence engine's plan. */
    static PlannedTest of(TestIdentifier test) {
        Kind kind = Kind.RUN;
        String release = "";
        String capability = "";
        String probe = "";
        String mode = "";
        for (UniqueId.Segment s : test.getUniqueIdObject().getSegments()) {
            switch (s.getType()) {
                case FenceUniqueIds.RELEASE -> release = s.getValue();
                case FenceUniqueIds.CAPABILITY -> capability = s.getValue();
                case FenceUniqueIds.PROBE -> probe = s.getValue();
                case FenceUniqueIds.MODE -> mode = s.getValue();
                case FenceUniqueIds.COVERAGE -> kind = Kind.COVERAGE;
                case FenceUniqueIds.BROKEN -> {
                    kind = Kind.CONTRACT;
                    probe = s.getValue();
                }
                default -> {
                    // the engine's own segment (and a suite's, when the engine runs inside one)
                }
            }
        }
        Set<String> tags = new LinkedHashSet<>();
        test.getTags().stream().map(TestTag::getName).forEach(tags::add);
        return new PlannedTest(
                kind,
                release,
                capability,
                probe,
                mode,
                java.util.Collections.unmodifiableSet(tags),
                test.getSource().map(PlannedTest::describe).orElse(""));
    }

    /**
     * Whether its tags leave out the platform this host is: the engine tags a probe run with the platforms the probe
     * applies to, and skips it elsewhere.
     */
    boolean notForThisHost() {
        if (kind == Kind.COVERAGE) {
            return false;
        }
        Set<String> platforms = new LinkedHashSet<>();
        Arrays.stream(Platform.values())
                .map(Platform::id)
                .filter(tags::contains)
                .forEach(platforms::add);
        Optional<String> here = Platform.current().map(Platform::id);
        return !platforms.isEmpty() && (here.isEmpty() || !platforms.contains(here.get()));
    }

    private static String describe(TestSource source) {
        if (source instanceof FileSource f) {
            return f.getFile().getName()
                    + f.getPosition().map(PlannedTest::line).orElse("");
        }
        if (source instanceof ClasspathResourceSource r) {
            return r.getClasspathResourceName()
                    + r.getPosition().map(PlannedTest::line).orElse("");
        }
        return "";
    }

    private static String line(FilePosition position) {
        return ":" + position.getLine();
    }
}
