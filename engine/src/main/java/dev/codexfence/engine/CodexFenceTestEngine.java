package dev.codexfence.engine;

import static org.apiguardian.api.API.Status.STABLE;

import dev.codexfence.engine.internal.catalog.BoundaryDescriptor;
import dev.codexfence.engine.internal.catalog.BoundaryDescriptorLoader;
import dev.codexfence.engine.internal.catalog.CapabilityCatalog;
import dev.codexfence.engine.internal.catalog.CatalogLoader;
import dev.codexfence.engine.internal.catalog.Platform;
import dev.codexfence.engine.internal.config.CodexFenceVersion;
import dev.codexfence.engine.internal.config.ConfigurationKeys;
import dev.codexfence.engine.internal.config.FenceConfiguration;
import dev.codexfence.engine.internal.discovery.FenceUniqueIds;
import dev.codexfence.engine.internal.release.CodexReleases;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;
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
@API(status = STABLE, since = "0.1")
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

    /** The jar's {@code Implementation-Version}; {@code DEVELOPMENT} from classes without a jar. */
    @Override
    public Optional<String> getVersion() {
        return Optional.of(CodexFenceVersion.implementation());
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        FenceConfiguration config = FenceConfiguration.from(request.getConfigurationParameters());
        for (String unknown : ConfigurationKeys.known()
                .unknown(request.getConfigurationParameters().keySet())) {
            request.getDiscoveryListener()
                    .issueEncountered(uniqueId, DiscoveryIssue.create(DiscoveryIssue.Severity.WARNING, unknown));
        }
        CatalogLoader loader = new CatalogLoader();
        CapabilityCatalog catalog = config.catalog().map(loader::load).orElseGet(loader::loadBundled);
        Optional<BoundaryDescriptor> boundary = config.boundary().map(new BoundaryDescriptorLoader()::load);
        InputNotes.report(
                catalog, boundary, DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        Supplier<CodexReleases> releases = memoize(() -> CodexReleases.forUser(System.getenv()));
        ReleasePlan plan = ReleasePlan.of(
                config,
                specs -> releases.get()
                        .select(
                                specs,
                                note -> request.getDiscoveryListener()
                                        .issueEncountered(
                                                uniqueId,
                                                DiscoveryIssue.create(
                                                        DiscoveryIssue.Severity.INFO, "codex releases: " + note))));
        FenceEngineDescriptor engine = new FenceEngineDescriptor(uniqueId, config, catalog, plan);
        Platform platform = Platform.current().orElse(Platform.LINUX);
        FenceDiscovery discovery = new FenceDiscovery(
                config,
                catalog,
                platform,
                DiscoveryIssueReporter.deduplicating(
                        DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId)));
        FenceUniqueIds ids = new FenceUniqueIds(uniqueId);
        ContainerChildren containers = new ContainerChildren(discovery, ids, plan);
        // one resolver per node kind, each resolving its own unique-id segment (and the selectors that name its nodes)
        EngineDiscoveryRequestResolver.<FenceEngineDescriptor>builder()
                .addSelectorResolver(new ProbeRootResolver(discovery, ids))
                .addSelectorResolver(new ReleaseResolver(plan, containers, releases))
                .addSelectorResolver(new CapabilityResolver(discovery, containers))
                .addSelectorResolver(new ProbeResolver(discovery, ids, plan))
                .addSelectorResolver(new ProbeRunResolver(discovery, plan))
                .addSelectorResolver(new CoverageResolver(discovery))
                .addSelectorResolver(new BrokenProbeResolver(discovery, ids))
                .build()
                .resolve(request, engine);
        if (plan.several()) {
            // baseline's capabilities (and coverage and contract nodes) first, then the releases in version order
            engine.orderChildren(children -> children.stream()
                    .sorted(java.util.Comparator.comparingInt(d -> d instanceof ReleaseDescriptor r
                            ? 1 + plan.releases().indexOf(r.release())
                            : 0))
                    .toList());
        }
        config.shard().ifPresent(shard -> ShardFilter.apply(engine, shard, ids));
        return engine;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
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
