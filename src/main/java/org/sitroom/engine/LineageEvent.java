package org.sitroom.engine;

import java.time.Instant;

/**
 * A step in a narrative's life, recorded at each recluster.
 *
 * @param relatedId for SPLIT_FROM the narrative it split from, for MERGED_INTO the one it merged into; else null
 * @param size the narrative's size after the step
 */
public record LineageEvent(Instant at, Kind kind, String narrativeId, String relatedId, int size) {

    public enum Kind {
        BORN, GREW, SHRANK, SPLIT_FROM, MERGED_INTO, FADED
    }
}
