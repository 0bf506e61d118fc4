package org.sitroom.engine;

/**
 * Counters since the engine started.
 *
 * @param embedded vectors handed out (cache hits included)
 * @param rejected texts rejected
 * @param cacheHits texts answered from the cache
 * @param cacheMisses texts looked up in the cache and not found (they went on to the tokenizer and model)
 * @param cacheEntries vectors currently cached
 * @param queued texts waiting for a model session right now
 */
public record EmbeddingStats(long embedded, long rejected, long cacheHits, long cacheMisses, long cacheEntries,
        int queued) {

    /** Share of cache lookups that hit, 0 when there were none. */
    public double cacheHitRate() {
        long lookups = cacheHits + cacheMisses;
        return lookups == 0 ? 0 : (double) cacheHits / lookups;
    }
}
