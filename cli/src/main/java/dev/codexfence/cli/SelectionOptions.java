package dev.codexfence.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What to pick from the probe root, the way Maven and the Console Launcher pick tests: {@code --probe} is a file
 * selector, {@code --cap} and {@code --tag} are the tag filter of {@code mvn test -Dgroups}. A picocli mixin of rattle
 * and list; {@link TestSelection} turns it into discovery selectors and filters.
 */
final class SelectionOptions {

    @Option(
            names = "--cap",
            paramLabel = "ID",
            split = ",",
            description = "A capability id of the catalog (repeatable): the tests tagged with it, exactly those"
                    + " mvn test -Dgroups=ID runs: the probes that exercise it as their primary or a secondary"
                    + " capability, in each mode, and its coverage test when no probe has it as primary.")
    List<String> caps = new ArrayList<>();

    @Option(
            names = "--tag",
            paramLabel = "EXPR",
            split = ",",
            description = "A JUnit tag expression (repeatable; a test matching any is selected), as mvn test -Dgroups"
                    + " or the Console Launcher's --include-tag take it: 'network & codex-sandbox', '!macos', a probe"
                    + " tag, a category or layer (docs/engine.md, Tags).")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--probe",
            paramLabel = "ID",
            split = ",",
            description = "A probe id, the file name in the probe root without .sh (repeatable): that probe in every"
                    + " mode, as selecting its file does (with --cap or --tag: besides the tests they select).")
    List<String> probes = new ArrayList<>();

    boolean isEmpty() {
        return caps.isEmpty() && tags.isEmpty() && probes.isEmpty();
    }
}
