package org.sitroom.ingest.situations;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One source of a situation as defined (file, built-in demo or {@code import}).
 *
 * @param id          unique across situations; part of every post id ({@code source:externalId}), so no ':'
 * @param kind        the connector: replay, file-drop, feed, mastodon, reddit, bluesky, gdelt (or import)
 * @param settings    the kind's settings as written (strings, numbers, booleans, lists and maps)
 * @param interval    how often it runs
 * @param enabled     whether it runs at all
 */
public record SourceDefinition(String id, String situationId, String kind, Map<String, Object> settings,
                               Duration interval, boolean enabled) {

    public SourceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(situationId, "situationId");
        Objects.requireNonNull(kind, "kind");
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        Objects.requireNonNull(interval, "interval");
    }
}
