package org.sitroom.engine.internal.index;

import java.time.Instant;
import java.util.Objects;

/**
 * One post as the index stores it. The unique key is {@link #id()} = {@code source + ":" + externalId}, so adding the
 * same post twice replaces it instead of duplicating it.
 *
 * @param source      where the post came from (no {@code ':'}: it is the first part of the id)
 * @param externalId  the post's id at its source
 * @param situation   the situation the post belongs to; every read is scoped to one situation
 * @param author      author handle, {@code ""} when unknown
 * @param language    ISO-639-1 code (a BCP-47 tag such as {@code pt-BR} also works), {@code "und"} when unknown;
 *                    picks the text analyser
 * @param time        publication time; the index keeps millisecond precision
 * @param text        the original text, stored and returned unchanged (never rendered as HTML by the index)
 * @param vector      unit-length embedding (dot product = cosine similarity); all posts share one dimension
 * @param contentHash hash of the normalised text, for exact-duplicate lookup; may be {@code null}
 * @param dupGroup    near-duplicate group id, or {@code null}
 * @param narrativeId narrative id, or {@code null} when unassigned (noise)
 */
public record PostRecord(String source, String externalId, String situation, String author, String language,
        Instant time, String text, float[] vector, String contentHash, Long dupGroup, Long narrativeId) {

    public PostRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        if (source.indexOf(':') >= 0) {
            // The id is source:externalId; a colon in the source would make two different posts share an id.
            throw new IllegalArgumentException("source must not contain ':': " + source);
        }
        author = author == null ? "" : author;
        language = language == null || language.isBlank() ? "und" : language.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** The unique key: {@code source + ":" + externalId}. */
    public String id() {
        return id(source, externalId);
    }

    /** The unique key of a post from {@code source} with id {@code externalId} there. */
    public static String id(String source, String externalId) {
        return source + ":" + externalId;
    }
}
