package org.sitroom.ingest.situations;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A situation as defined in config/situations.yml (or built in).
 *
 * @param start when the event began, or null for "when Sitroom first saw this definition"
 */
public record SituationDefinition(String id, String name, String description, Instant start, ZoneId zone,
                                  List<String> keywords, List<String> languages, List<SourceDefinition> sources) {

    public SituationDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        languages = languages == null ? List.of() : List.copyOf(languages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
