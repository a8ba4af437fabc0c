package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Something the loader decided while reading a catalog that was not written in codex-fence's own format:
 * which shape it was read as, which platform rule gave each capability its platforms, what it declared or
 * ignored. Informational: the catalog loaded. The engine reports notes as discovery issues of severity INFO.
 *
 * @param message one line, starting with the catalog's source
 * @param line the 1-based line the note is about, or 0 when it is about the whole file
 */
@API(status = INTERNAL, since = "0.1")
public record CatalogNote(String message, int line) {}
