package org.sitroom.engine;

import java.util.List;

/**
 * What the engine did with a batch: how many posts are new, were already stored (idempotent re-delivery),
 * were rejected (with reasons), and how many new ones joined a narrative right away.
 */
public record IngestReport(int added, int alreadyStored, List<Rejection> rejected, int assigned, int duplicates,
                           double embedSeconds, double totalSeconds) {

    /** A post the engine could not take, and why. */
    public record Rejection(String postId, String reason) {
    }
}
