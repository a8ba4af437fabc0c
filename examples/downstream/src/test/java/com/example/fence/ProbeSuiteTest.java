package com.example.fence;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs this project's probes (the folder {@code probes/}) through the codex-fence engine: every probe in
 * every run mode is a test whose result is one cfbo-v1 record. Surefire runs this class; the engine's
 * settings are Surefire's {@code configurationParameters} in pom.xml.
 */
@Suite
@IncludeEngines("codex-fence")
@SelectDirectories("probes")
public class ProbeSuiteTest {}
