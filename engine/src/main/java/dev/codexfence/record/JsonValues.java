package dev.codexfence.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free-form JSON objects of a record ({@code operation.args}, {@code payload.raw}) as immutable Java values:
 * deep, unmodifiable copies in the one representation {@link BoundaryObject} documents, so that equal JSON makes
 * equal records whoever built them.
 */
final class JsonValues {

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonValues() {}

    /** An unmodifiable copy of a JSON object, keys in their order; null stays null. */
    static Map<String, Object> object(Map<?, ?> map, String where) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(
                        where + ": a JSON object's keys are strings, not " + describe(e.getKey()));
            }
            copy.put(key, value(e.getValue(), where + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The value in its one representation: see {@link BoundaryObject}. */
    static Object value(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte) {
            return whole(BigInteger.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger big) {
            return whole(big);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            // JSON has no NaN or infinity: as JSON they are written as strings, so they are held as those strings
            return Double.isFinite(d) ? (Object) d : Double.toString(d);
        }
        if (value instanceof Map<?, ?> map) {
            return object(map, where);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(list.get(i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(where + ": " + describe(value) + " is not a JSON value (a String, Boolean,"
                + " Number, List, Map or null)");
    }

    private static Object whole(BigInteger n) {
        if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
            return n.intValue();
        }
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return n.longValue();
        }
        return n;
    }

    private static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getName();
    }
}
