package org.sitroom.engine;

import java.util.List;

/**
 * Turns post texts into L2-normalised sentence vectors with one in-process model.
 *
 * <p>Thread-safe; many callers may embed at once. Calls block while the engine's bounded queue is full
 * (backpressure: nothing is dropped). A bad post never fails its batch: it gets a {@link EmbeddingResult.Rejected}
 * with a reason instead of a vector. Callers keep their original texts for display; the engine only normalises a copy.
 */
public interface Embeddings extends AutoCloseable {

    /**
     * Embeds passages (posts), applying the model's passage prefix. Blocks until every text has a result.
     *
     * @param texts the posts, in order; {@code null} elements are rejected as empty
     * @return one result per text, in the same order, with the model identity as provenance
     * @throws IllegalStateException if the engine is closed or the calling thread is interrupted while waiting
     */
    EmbeddingBatch embed(List<String> texts);

    /**
     * Embeds a search query, applying the model's query prefix (asymmetric models such as E5 need it).
     *
     * @return the L2-normalised vector
     * @throws IllegalArgumentException if the query cannot be embedded (the message gives the reason)
     */
    float[] embedQuery(String query);

    /** The model that produced the vectors; store it with every vector written. */
    ModelIdentity model();

    /** Counters since start: vectors produced, rejections, cache hits and misses. */
    EmbeddingStats stats();

    /** Stops the workers and releases the native sessions; pending callers get an {@link IllegalStateException}. */
    @Override
    void close();
}
