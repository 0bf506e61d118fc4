package org.sitroom.engine;

import java.util.List;

/**
 * One search result.
 *
 * @param snippet plain text around the matches (never markup; views render it as text)
 * @param highlights character ranges within {@code snippet} that matched the query's words
 * @param matchedBy {@code words} (BM25), {@code meaning} (semantic) or {@code both}
 */
public record SearchHit(StoredPost post, String snippet, List<Range> highlights, double score, String matchedBy) {

    /** Characters {@code [start, end)} of the snippet. */
    public record Range(int start, int end) {
    }
}
