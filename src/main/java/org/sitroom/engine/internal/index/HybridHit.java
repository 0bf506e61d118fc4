package org.sitroom.engine.internal.index;

/**
 * One result of a hybrid search and which ranked list found it (its top {@code max(limit, 50)}): BM25 on the words,
 * k-NN on the meaning, or both. Search results show this so a reader sees why a post matched.
 */
public record HybridHit(PostHit post, boolean byWords, boolean byMeaning) {
}
