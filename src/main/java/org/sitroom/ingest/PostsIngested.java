package org.sitroom.ingest;

import java.time.Instant;

/** Published when a batch from a source is durable (posts in the store, cursor in the database). */
public record PostsIngested(String situationId, String sourceId, int count, Instant earliest, Instant latest) {
}
