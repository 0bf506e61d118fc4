package org.sitroom.engine.internal.index;

import java.time.Instant;
import java.util.Random;

/** Synthetic posts and vectors: there is no embedder in these tests, so vectors are made to measure. */
final class TestPosts {

    static final int DIM = 384;

    private TestPosts() {
    }

    static float[] randomUnit(Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return normalise(v);
    }

    /**
     * A vector near {@code base}: per-dimension Gaussian noise of {@code sigma}; with sigma 0.038 the cosine to the
     * base is about 0.8, like a paraphrase pair from the real model.
     */
    static float[] near(float[] base, double sigma, Random rnd) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) (base[i] + sigma * rnd.nextGaussian());
        }
        return normalise(v);
    }

    static float[] normalise(float[] v) {
        double sq = 0;
        for (float x : v) {
            sq += x * x;
        }
        float inv = (float) (1 / Math.sqrt(sq));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static PostRecord post(String situation, String externalId, String language, Instant time, String text,
            float[] vector) {
        return new PostRecord("x", externalId, situation, "author" + externalId, language, time, text, vector,
                Integer.toHexString(text.hashCode()), null, null);
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
