package org.sitroom.ingest.connect;

/**
 * A source of posts, read in batches under a cursor. Implementations keep no reading state of their own between
 * fetches beyond caches: everything needed to go on is in the cursor, which the caller persists with the batch in
 * one transaction, so a kill -9 at any point loses nothing and, writes being idempotent by (source, external id),
 * duplicates nothing.
 */
public interface Connector extends AutoCloseable {

    /** The configured source this connector reads (posts and quarantined records carry it). */
    String sourceId();

    /**
     * Reads the next batch after {@code cursor}.
     *
     * @param cursor   the cursor of the last committed batch, or {@link Cursor#START}
     * @param maxPosts the most posts to return (a connector may return fewer)
     * @return the posts, the quarantined records, and the cursor to store with them
     * @throws FetchException when the source could not be read; the stored cursor then stays where it was
     */
    Batch fetch(Cursor cursor, int maxPosts) throws FetchException;

    /** Releases connections or files; the default holds none. */
    @Override
    default void close() {
    }
}
