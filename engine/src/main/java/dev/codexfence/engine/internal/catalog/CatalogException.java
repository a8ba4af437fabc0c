package dev.codexfence.engine.internal.catalog;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A catalog that cannot be used, with one message naming the file, the JSON pointer and the line. */
@API(status = INTERNAL, since = "0.1")
public final class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    static CatalogException at(String source, String pointer, int line, String what) {
        StringBuilder sb = new StringBuilder(source).append(": ");
        sb.append(pointer.isEmpty() ? "(root)" : pointer);
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        return new CatalogException(sb.append(": ").append(what).toString());
    }
}
