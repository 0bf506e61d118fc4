package org.sitroom.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The engine's post store: embeds, de-duplicates, indexes and assigns posts, and answers questions about them.
 * Writes are idempotent by post id and durable when {@link #add} returns.
 */
public interface PostStore {

    /** Embeds, groups duplicates, indexes and assigns to existing narratives by k-NN vote; durable on return. */
    IngestReport add(List<NewPost> posts);

    /** Which of these ids are already stored (for idempotent ingest). */
    java.util.Set<String> existing(java.util.Collection<String> ids);

    long count(String situation);

    long count(String situation, PostFilter filter);

    Optional<StoredPost> get(String id);

    /** Posts matching the filter, newest first. */
    List<StoredPost> posts(String situation, PostFilter filter, int offset, int limit);

    /** The stored posts of the situation among these ids (as {@link PostsIndexed} lists them), in no set order. */
    List<StoredPost> posts(String situation, java.util.Collection<String> ids);

    /** Words (BM25) and meaning (the query embedded, k-NN) combined. */
    List<SearchHit> search(String situation, String query, PostFilter filter, int limit);

    /** Posts per elapsed hour in {@code [from, to)}, buckets aligned to whole hours of {@code zone}. */
    List<HourCount> hourly(String situation, PostFilter filter, ZoneId zone, Instant from, Instant to);
}
