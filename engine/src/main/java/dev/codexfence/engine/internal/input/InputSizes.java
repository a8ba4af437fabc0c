package dev.codexfence.engine.internal.input;

import java.util.Locale;

/** Byte counts as people read them in messages: "1 MiB", "2.0 MiB (2097152 bytes)", "7.0 GiB (…)". */
final class InputSizes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private InputSizes() {}

    /** A round size as a unit ("16 MiB"), anything else with one decimal ("1.5 MiB"), small ones in bytes. */
    static String describe(long bytes) {
        if (bytes < InputLimit.KIB) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value == Math.rint(value)) {
            return (long) value + " " + UNITS[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** "2.0 MiB (2097152 bytes)": the rounded size and the exact count. */
    static String describeExactly(long bytes) {
        String rounded = describe(bytes);
        return bytes < InputLimit.KIB ? rounded : rounded + " (" + bytes + " bytes)";
    }
}
