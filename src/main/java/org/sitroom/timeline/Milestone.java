package org.sitroom.timeline;

import java.time.Instant;

/**
 * Something that happened, placed on the situation's time axis.
 *
 * @param author who added it (a user name, or e.g. {@code demo} for imported ones)
 * @param link a web address with more, or null
 */
public record Milestone(long id, String situation, Instant time, String title, String note, String link,
                        String author, Instant createdAt, Instant updatedAt) {

    public MilestoneDraft draft() {
        return new MilestoneDraft(time, title, note, link);
    }
}
