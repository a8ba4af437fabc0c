/**
 * The history of a fence across codex releases: records of many runs (releases, hosts, shards) merged, laid out
 * per host line as probe × mode cells over releases in version order, with the release steps where an
 * observation ({@code observed_result} and {@code errno}) changed ({@code codex-fence --history}, and the
 * history view of {@code --report}).
 */
package dev.codexfence.engine.internal.history;
