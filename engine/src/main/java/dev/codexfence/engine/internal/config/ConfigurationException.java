package dev.codexfence.engine.internal.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** A configuration value the engine cannot use. */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String key, String value, String expected) {
        super("configuration " + key + "=\"" + value + "\": " + expected);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
