package dev.codexfence.engine;

import dev.codexfence.catalog.BoundaryDescriptor;
import dev.codexfence.catalog.BoundaryDescriptorLoader;
import dev.codexfence.catalog.CapabilityCatalog;
import dev.codexfence.catalog.CatalogLoader;
import dev.codexfence.catalog.Platform;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;

/**
 * The codex-fence TestEngine: every probe a test, one node per run mode, grouped by capability; every
 * capability without a probe a failing coverage node; every run's cfbo-v1 record its test's result.
 */
public final class CodexFenceTestEngine extends HierarchicalTestEngine<FenceExecutionContext> {

    @Override
    public String getId() {
        return Constants.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.codexfence");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("codex-fence-engine");
    }

    @Override
    public Optional<String> getVersion() {
        return Optional.ofNullable(getClass().getPackage().getImplementationVersion()).or(() -> Optional.of("DEVELOPMENT"));
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        FenceConfiguration config = FenceConfiguration.from(request.getConfigurationParameters());
        for (String unknown : ConfigurationKeys.known().unknown(request.getConfigurationParameters().keySet())) {
            request.getDiscoveryListener().issueEncountered(uniqueId,
                    DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, unknown));
        }
        CatalogLoader loader = new CatalogLoader();
        CapabilityCatalog catalog = config.catalog().map(loader::load).orElseGet(loader::loadBundled);
        Optional<BoundaryDescriptor> boundary = config.boundary().map(new BoundaryDescriptorLoader()::load);
        InputNotes.report(catalog, boundary, DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        FenceEngineDescriptor engine = new FenceEngineDescriptor(uniqueId, config, catalog);
        Platform platform = Platform.current().orElse(Platform.LINUX);
        EngineDiscoveryRequestResolver.<FenceEngineDescriptor>builder()
                .addSelectorResolver(ctx -> new FenceSelectorResolver(
                        new FenceDiscovery(config, catalog, platform, ctx.getIssueReporter()), new FenceUniqueIds(uniqueId)))
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        ConfigurationParameters params = request.getConfigurationParameters();
        if (params.getBoolean(Constants.PARALLEL_ENABLED).orElse(false)) {
            return ParallelHierarchicalTestExecutorServiceFactory.create(
                    new PrefixedConfigurationParameters(params, Constants.PARALLEL_CONFIG_PREFIX));
        }
        return new SameThreadHierarchicalTestExecutorService();
    }

    @Override
    protected FenceExecutionContext createExecutionContext(ExecutionRequest request) {
        return new FenceExecutionContext(request, null);
    }
}
