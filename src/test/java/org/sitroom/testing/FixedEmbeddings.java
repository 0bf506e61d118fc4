package org.sitroom.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingResult;
import org.sitroom.engine.EmbeddingStats;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.ModelIdentity;
import org.sitroom.engine.RejectionReason;

/**
 * An {@link Embeddings} stand-in whose vectors come from a function of the text, for tests and benchmarks of what
 * happens after embedding (grouping, clustering, assignment) without the model's cost. A null vector is a rejection.
 */
public final class FixedEmbeddings implements Embeddings {

    private final Function<String, float[]> vectors;
    private final ModelIdentity model;

    public FixedEmbeddings(int dimension, Function<String, float[]> vectors) {
        this.vectors = vectors;
        this.model = new ModelIdentity("fixed-test-vectors", dimension, "0".repeat(64), "mean", 256);
    }

    /** A random unit vector seeded by the text: equal texts embed equally, different ones are unrelated. */
    public static FixedEmbeddings hashed(int dimension) {
        return new FixedEmbeddings(dimension, text -> {
            SplittableRandom rnd = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L);
            float[] v = new float[dimension];
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) rnd.nextGaussian();
                norm += v[d] * v[d];
            }
            for (int d = 0; d < dimension; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
            return v;
        });
    }

    @Override
    public EmbeddingBatch embed(List<String> texts) {
        List<EmbeddingResult> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            float[] v = t == null || t.isBlank() ? null : vectors.apply(t);
            out.add(v == null ? new EmbeddingResult.Rejected(RejectionReason.EMPTY, "no vector") : new EmbeddingResult.Embedded(v));
        }
        return new EmbeddingBatch(model, out);
    }

    @Override
    public float[] embedQuery(String query) {
        float[] v = vectors.apply(query);
        if (v == null) {
            throw new IllegalArgumentException("no vector for the query");
        }
        return v;
    }

    @Override
    public ModelIdentity model() {
        return model;
    }

    @Override
    public EmbeddingStats stats() {
        return new EmbeddingStats(0, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
    }
}
