package org.sitroom.ingest.format;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One post as a source delivered it, validated but not yet normalised: the unit the ingest pipeline receives.
 * Downstream writes are idempotent by ({@code sourceId}, {@code externalId}).
 *
 * @param sourceId   the configured source it came from
 * @param externalId the source's own id of the post (tweet id, status id, feed guid, ...)
 * @param author     the author's handle or name, or {@link #UNKNOWN_AUTHOR} when the source does not say
 * @param language   the source's language hint (ISO 639-1 such as {@code en} where known), or null
 * @param time       when the post was published
 * @param text       the post's text exactly as delivered (plain text; HTML sources are reduced to text first)
 * @param url        a link to the post, or null
 * @param metadata   a few extra source fields worth keeping (labels, image ids, domain); small by contract
 */
public record IncomingPost(String sourceId, String externalId, String author, String language, Instant time,
                           String text, String url, Map<String, String> metadata) {

    /** The author of a post whose source has no author field; parentheses keep it apart from any real handle. */
    public static final String UNKNOWN_AUTHOR = "(unknown)";

    /** At most this many metadata entries are kept; metadata describes a post, it is not a second payload. */
    public static final int MAX_METADATA_ENTRIES = 16;

    public IncomingPost {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        author = author == null || author.isBlank() ? UNKNOWN_AUTHOR : author;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("metadata has " + metadata.size() + " entries; at most "
                    + MAX_METADATA_ENTRIES + " are allowed");
        }
    }
}
