package dev.codexfence.cli;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.platform.launcher.Launcher;

/**
 * Start-up: parsing the command line (picocli) and loading the launcher, the catalog and the schemas
 * (JUnit, Jackson, the schema validator) are independent, and each costs a few hundred milliseconds on a
 * cold JVM. A daemon thread does the second group while the main thread parses; the launcher it builds is
 * handed over, the rest only leaves classes loaded for the engine. Nothing it does changes a result.
 */
final class WarmUp {

    private static volatile CompletableFuture<Launcher> launcher;

    private WarmUp() {}

    /** Starts the warm-up thread, which builds a launcher with {@code factory} unless it is null. */
    static void start(Supplier<Launcher> factory) {
        CompletableFuture<Launcher> future = factory == null ? null : new CompletableFuture<>();
        launcher = future;
        Thread t = new Thread(
                () -> {
                    if (future != null) {
                        try {
                            future.complete(factory.get());
                        } catch (Throwable e) {
                            future.completeExceptionally(e);
                        }
                    }
                    try {
                        dev.codexfence.engine.internal.record.RecordAssembler.bundledSchema();
                        if (future != null) {
                            new dev.codexfence.engine.internal.catalog.CatalogLoader().loadBundled();
                        }
                    } catch (Throwable ignored) {
                        // the real work reports any problem
                    }
                },
                "codex-fence-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The warmed-up launcher (once), else a new one from {@code factory}. */
    static Launcher launcher(Supplier<Launcher> factory) {
        CompletableFuture<Launcher> future = launcher;
        launcher = null;
        if (future != null) {
            try {
                return future.join();
            } catch (RuntimeException e) {
                // fall through: build one here, so that a failure is reported where it matters
            }
        }
        return factory.get();
    }
}
