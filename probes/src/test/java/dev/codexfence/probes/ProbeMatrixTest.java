package dev.codexfence.probes;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs this folder's probes through the codex-fence engine under Surefire (which only sends class
 * selectors): every probe × mode becomes a test, every record lands in target/codex-fence/.
 */
@Suite
@IncludeEngines("codex-fence")
@SelectDirectories(".")
public class ProbeMatrixTest {}
