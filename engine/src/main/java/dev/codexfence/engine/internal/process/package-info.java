/**
 * Running one process to completion for the harness: a deadline, bounded capture of its output, cancellation, and
 * everything it starts held by the run's {@link dev.codexfence.engine.internal.containment.Containment} and killed when it is done.
 * Probe runs, codex detection, preflights, {@code detect-stack} and npm all go through {@link
 * dev.codexfence.engine.internal.process.ProcessRunner}; it knows nothing of probes, modes or records.
 */
package dev.codexfence.engine.internal.process;
