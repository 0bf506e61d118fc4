package org.sitroom.engine;

import java.time.Instant;

/**
 * Which posts of a situation to consider; every field is optional ({@code null} = any).
 *
 * @param narrativeId a narrative id, or {@link #UNASSIGNED} for posts in no narrative
 */
public record PostFilter(Instant from, Instant to, String language, String source, String narrativeId) {

    public static final String UNASSIGNED = "-";
    public static final PostFilter ALL = new PostFilter(null, null, null, null, null);

    public static PostFilter narrative(String narrativeId) {
        return new PostFilter(null, null, null, null, narrativeId);
    }
}
