package org.sitroom.engine.internal.index;

import java.time.Instant;
import java.util.List;

/**
 * One result of a search. {@code score} depends on the query kind: BM25 score for text search, dot-product
 * similarity (cosine, in [-1, 1]) for k-NN, reciprocal-rank-fusion score for hybrid search.
 *
 * @param snippet a plain-text passage with match offsets, or {@code null} (k-NN results have none)
 */
public record PostHit(String id, float score, String source, String author, String language, Instant time,
        Long narrativeId, Long dupGroup, String text, Snippet snippet) {

    /**
     * A passage of a post's original text with the query matches marked by offsets, not by markup, so the UI can
     * render it as inert text and style the ranges itself.
     *
     * @param text    the passage, a substring of the original text
     * @param offset  where the passage starts in the original text
     * @param matches match ranges relative to {@code text}, ascending
     */
    public record Snippet(String text, int offset, List<Match> matches) {

        public Snippet {
            matches = List.copyOf(matches);
        }

        /** A match range {@code [start, end)} within the snippet text. */
        public record Match(int start, int end) {
        }
    }
}
