package org.sitroom.engine.internal.index;

import java.time.Instant;

/**
 * What reclustering needs of one post, read from doc values and vector values only (no stored text is loaded).
 *
 * @param vector a fresh copy the consumer may keep
 */
public record PostVector(String id, float[] vector, Instant time, String author, String language, Long dupGroup,
        Long narrativeId) {
}
