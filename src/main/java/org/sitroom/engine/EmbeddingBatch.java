package org.sitroom.engine;

import java.util.List;

/**
 * Results of one {@link Embeddings#embed} call, in input order, with the model that made them.
 *
 * @param model provenance to record with every vector written
 * @param results one per input text
 */
public record EmbeddingBatch(ModelIdentity model, List<EmbeddingResult> results) {

    public EmbeddingBatch {
        results = List.copyOf(results);
    }

    public int size() {
        return results.size();
    }

    public EmbeddingResult get(int index) {
        return results.get(index);
    }

    /** The vector of text {@code index}, or {@code null} if it was rejected. */
    public float[] vector(int index) {
        return results.get(index) instanceof EmbeddingResult.Embedded(float[] vector) ? vector : null;
    }

    /** How many texts got no vector. */
    public long rejectedCount() {
        return results.stream().filter(r -> r instanceof EmbeddingResult.Rejected).count();
    }
}
