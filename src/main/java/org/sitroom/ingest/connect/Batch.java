package org.sitroom.ingest.connect;

import java.util.List;
import java.util.Objects;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;

/**
 * What one fetch yielded. The caller commits the posts, the quarantined records and {@code next} together.
 *
 * @param posts       the posts read, oldest first where the source allows
 * @param quarantined the records that could not be read, with their reasons
 * @param next        the cursor to store and pass to the next fetch
 * @param more        whether a further fetch right now would yield more (otherwise wait for the schedule)
 */
public record Batch(List<IncomingPost> posts, List<Quarantined> quarantined, Cursor next, boolean more) {

    public Batch {
        posts = List.copyOf(posts);
        quarantined = List.copyOf(quarantined);
        Objects.requireNonNull(next, "next");
    }

    /** Nothing new; the cursor stays (or moves without posts, e.g. past an empty time window). */
    public static Batch empty(Cursor next) {
        return new Batch(List.of(), List.of(), next, false);
    }
}
