package org.sitroom.ingest.situations;

import java.time.Instant;

/**
 * A source as stored: its definition with ADMIN's edits, whether the situations file still defines it, and where
 * it came from ({@code file}, {@code builtin} or {@code import}).
 */
public record SourceRow(SourceDefinition definition, boolean defined, String origin, Instant updatedAt,
                        String updatedBy) {

    public String id() {
        return definition.id();
    }

    /** Whether it should be scheduled: defined, enabled, and not an import. */
    public boolean scheduled() {
        return defined && definition.enabled() && !"import".equals(definition.kind());
    }
}
