package org.sitroom.ingest.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sitroom.ingest.format.ColumnMapping;

/** A mapping as the settings map {@link ColumnMapping#fromMap} reads back, to store it with a source. */
final class MappingMaps {

    private MappingMaps() {
    }

    static Map<String, Object> toMap(ColumnMapping m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.format() != null) {
            out.put("format", m.format().name().toLowerCase(Locale.ROOT));
        }
        out.put("id", m.id());
        put(out, "author", m.author());
        out.put("time", m.time());
        out.put("time-format", m.timeFormat().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("text", m.text());
        put(out, "language", m.language());
        put(out, "url", m.url());
        put(out, "url-template", m.urlTemplate());
        if (m.htmlText()) {
            out.put("html-text", "true");
        }
        if (!m.metadata().isEmpty()) {
            out.put("metadata", m.metadata());
        }
        if (m.delimiter() != null) {
            out.put("delimiter", m.delimiter() == '\t' ? "tab" : String.valueOf(m.delimiter()));
        }
        if (m.quote() != null) {
            out.put("quote", m.quote().isEmpty() ? "none" : m.quote());
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
