package org.sitroom.engine;

import java.time.Instant;

/**
 * A post as stored: what ingest gave, plus what the engine found.
 *
 * @param duplicateGroup id of its (near-)duplicate group; posts with equal groups say the same words
 * @param narrativeId the narrative it belongs to, or {@code null} when unassigned (noise, or not yet clustered)
 */
public record StoredPost(String id, String situation, String source, String author, String language, Instant time,
                         String text, String url, long duplicateGroup, String narrativeId) {
}
