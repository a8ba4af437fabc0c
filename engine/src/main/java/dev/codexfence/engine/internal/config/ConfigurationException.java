package dev.codexfence.engine.internal.config;

/** A configuration value the engine cannot use. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String key, String value, String expected) {
        super("configuration " + key + "=\"" + value + "\": " + expected);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
