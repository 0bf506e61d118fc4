package org.sitroom.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sitroom.ingest.situations.Durations;

/** Typed reads of a source's settings map, with messages that say which setting is wrong and how. */
final class SourceSettings {

    private final String kind;
    private final Map<String, Object> values;

    SourceSettings(String kind, Map<String, Object> values, Set<String> known) {
        this.kind = kind;
        this.values = values;
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for kind " + kind + " (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    String required(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("kind " + kind + " needs setting '" + key + "'");
        }
        return v;
    }

    String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw new IllegalArgumentException("setting '" + key + "' must be a single value");
        }
        return v.toString();
    }

    double number(String key, double fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, not '" + v + "'");
        }
    }

    boolean flag(String key, boolean fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("setting '" + key + "' must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        return v == null ? fallback : Durations.parse(v);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a mapping");
        }
        return (Map<String, Object>) m;
    }
}
