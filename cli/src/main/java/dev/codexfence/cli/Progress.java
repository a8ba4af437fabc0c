package dev.codexfence.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line on a terminal: {@code [done/total] current probe  elapsed}, redrawn on every event and
 * twice a second. Does nothing when there is no status line.
 */
final class Progress {

    private final StatusLine line;
    private final int columns;
    private final long start = System.nanoTime();
    private ScheduledExecutorService ticker;
    private String prefix = "";
    private int total;
    private int done;
    private String current = "";

    Progress(StatusLine line, int columns) {
        this.line = line;
        this.columns = columns;
    }

    static Progress disabled() {
        return new Progress(null, 80);
    }

    boolean enabled() {
        return line != null;
    }

    synchronized void begin(String repetition, int tests) {
        if (!enabled()) {
            return;
        }
        this.prefix = repetition;
        this.total = tests;
        this.done = 0;
        this.current = "starting";
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "codex-fence-progress");
                t.setDaemon(true);
                return t;
            });
            // nothing waits on the ticking: it ends with shutdownNow() when the run does
            var unused = ticker.scheduleAtFixedRate(this::draw, 500, 500, TimeUnit.MILLISECONDS);
        }
        draw();
    }

    synchronized void started(String name) {
        current = dev.codexfence.engine.internal.terminal.TerminalText.line(name);
        draw();
    }

    synchronized void finished(int tests) {
        done += tests;
        draw();
    }

    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (enabled()) {
            line.clear();
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private synchronized void draw() {
        if (!enabled() || ticker == null) {
            return;
        }
        String text = "codex-fence " + prefix + "[" + done + "/" + total + "] " + current + "  " + clock(elapsed());
        int max = Math.max(10, columns - 1);
        if (text.codePointCount(0, text.length()) > max) {
            text = text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
        }
        line.show(text);
    }

    /** {@code 7.3s}, {@code 2m05s}, {@code 1h02m}. */
    static String clock(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
