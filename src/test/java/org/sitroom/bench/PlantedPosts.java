package org.sitroom.bench;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic posts with planted narratives, generated in memory, shaped like sentence embeddings: unit 384-d
 * vectors; narratives grouped in themes (sibling centres at cosine about 0.5); posts spread around their narrative
 * (pairwise cosine about 0.45-0.67); sizes skewed (size of narrative c proportional to (c+1)^-0.7); 10% uniform noise
 * (cosine about 0 to everything); and duplicate groups: 10% of a narrative's posts are copies of an earlier post of
 * it (copies of copies too, so a few groups grow large, like retweet cascades). A copy shares its original's vector
 * array and text, so copies cost no memory. The last {@code heldOut} posts come from the same process and are kept
 * out of the shuffle: the incremental batch.
 */
final class PlantedPosts {

    final int n;
    final int heldOut;
    final float[][] vectors;
    /** Planted narrative per post, -1 = noise. */
    final int[] truth;
    /** Duplicate group per post: the index of the original post it copies (itself when it is an original). */
    final long[] group;

    private PlantedPosts(int n, int heldOut, float[][] vectors, int[] truth, long[] group) {
        this.n = n;
        this.heldOut = heldOut;
        this.vectors = vectors;
        this.truth = truth;
        this.group = group;
    }

    /** The text a post would have: equal for a copy and its original, unrelated otherwise. */
    String text(int i) {
        return "post " + Long.toHexString(group[i] * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }

    static PlantedPosts generate(int n, int heldOut, int narratives, int dim, long seed) {
        int total = n + heldOut;
        SplittableRandom rnd = new SplittableRandom(seed);
        int themes = Math.max(1, narratives / 5);
        float[][] themeCentres = new float[themes][];
        for (int t = 0; t < themes; t++) {
            themeCentres[t] = unit(rnd, dim, 1.0, null);
        }
        float[][] centres = new float[narratives][];
        double[] spread = new double[narratives];
        double[] size = new double[narratives];
        double sizeSum = 0;
        for (int c = 0; c < narratives; c++) {
            centres[c] = unit(rnd, dim, Math.sqrt(1.0 / dim), themeCentres[c % themes]);
            spread[c] = Math.sqrt((0.5 + 0.7 * rnd.nextDouble()) / dim);
            size[c] = 1.0 / Math.pow(c + 1, 0.7);
            sizeSum += size[c];
        }
        // Post slots: narrative of each slot (noise = -1), then vectors generated in parallel chunks.
        int[] truth = new int[total];
        long[] group = new long[total];
        boolean[] copy = new boolean[total];
        int i = 0;
        for (int part = 0; part < 2; part++) {
            int count = part == 0 ? n : heldOut;
            int planted = (int) Math.round(count * 0.9);
            int start = i;
            for (int c = 0; c < narratives; c++) {
                int m = c == narratives - 1 ? planted - (i - start) : (int) Math.round(planted * size[c] / sizeSum);
                for (int s = 0; s < m && i - start < planted; s++, i++) {
                    truth[i] = c;
                    copy[i] = s > 0 && rnd.nextDouble() < 0.1;
                }
            }
            for (; i < start + count; i++) {
                truth[i] = -1;
            }
        }
        float[][] vectors = new float[total][];
        int chunk = 4096;
        IntStream.range(0, (total + chunk - 1) / chunk).parallel().forEach(b -> {
            SplittableRandom r = new SplittableRandom(seed * 31 + b);
            for (int j = b * chunk; j < Math.min(total, (b + 1) * chunk); j++) {
                if (!copy[j]) {
                    vectors[j] = truth[j] < 0 ? unit(r, dim, 1.0, null) : unit(r, dim, spread[truth[j]], centres[truth[j]]);
                }
            }
        });
        // Copies: of a random earlier post of the same narrative (held-out copies may copy a stored post).
        int[] firstOf = new int[narratives];
        java.util.Arrays.fill(firstOf, -1);
        for (int j = 0; j < total; j++) {
            group[j] = j;
            if (truth[j] >= 0 && firstOf[truth[j]] < 0) {
                firstOf[truth[j]] = j;
            }
            if (copy[j]) {
                int from = firstOf[truth[j]];
                int original = from + rnd.nextInt(Math.max(1, j - from));
                if (truth[original] != truth[j]) {
                    original = from;
                }
                vectors[j] = vectors[original];
                group[j] = group[original];
            }
        }
        // Shuffle the stored part so planted order is not index order; the held-out batch stays at the end.
        for (int j = n - 1; j > 0; j--) {
            int k = rnd.nextInt(j + 1);
            float[] v = vectors[j];
            vectors[j] = vectors[k];
            vectors[k] = v;
            int t = truth[j];
            truth[j] = truth[k];
            truth[k] = t;
            long g = group[j];
            group[j] = group[k];
            group[k] = g;
        }
        return new PlantedPosts(n, heldOut, vectors, truth, group);
    }

    private static float[] unit(SplittableRandom rnd, int dim, double sigma, float[] base) {
        double[] x = new double[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            x[d] = sigma * rnd.nextGaussian() + (base == null ? 0 : base[d]);
            norm += x[d] * x[d];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (x[d] / norm);
        }
        return out;
    }
}
