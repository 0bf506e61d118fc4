package org.sitroom.timeline;

import java.time.Instant;

/**
 * One recorded change of a milestone.
 *
 * @param before null when the milestone was created or imported
 */
public record MilestoneEdit(long id, long milestoneId, Action action, String editedBy, Instant editedAt,
                            MilestoneDraft before, MilestoneDraft after) {

    public enum Action {
        CREATED, UPDATED, IMPORTED
    }
}
