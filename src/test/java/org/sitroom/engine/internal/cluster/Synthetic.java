package org.sitroom.engine.internal.cluster;

import java.util.SplittableRandom;

/**
 * Planted narratives in embedding space, shaped like sentence embeddings: L2-normalised 384-d vectors, narratives
 * grouped in themes (narratives of one theme have centre cosine about 0.5, like related claims), posts spread
 * around their narrative (pairwise cosine about 0.45-0.65, like paraphrases), sizes skewed (a few big narratives,
 * many small), uniform noise (cosine about 0 to everything), and a few groups of exact duplicate vectors.
 */
final class Synthetic {

    /** Vectors and planted labels (-1 = noise). */
    record Data(float[][] vectors, int[] labels) {
    }

    private Synthetic() {
    }

    static Data narratives(int n, int narratives, int themes, double noiseShare, int duplicateGroups, int dim,
                           long seed) {
        return narratives(n, narratives, themes, noiseShare, duplicateGroups, dim, seed, 1.0, 0.5, 1.2);
    }

    /**
     * @param siblingNoise squared norm of a narrative's offset from its theme: sibling cosine 1 / (1 + value)
     * @param spreadMin    smallest squared norm of a post's offset from its narrative
     * @param spreadMax    largest; pairwise cosine inside a narrative is 1 / (1 + value)
     */
    static Data narratives(int n, int narratives, int themes, double noiseShare, int duplicateGroups, int dim,
                           long seed, double siblingNoise, double spreadMin, double spreadMax) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] themeCentres = new float[themes][];
        for (int t = 0; t < themes; t++) {
            themeCentres[t] = normalise(gaussian(rnd, dim, 1.0), null, 0);
        }
        // Narrative centre = theme + noise of norm 1: cosine between sibling narratives about 0.5.
        float[][] centres = new float[narratives][];
        double[] spread = new double[narratives];
        double sizeSum = 0;
        double[] size = new double[narratives];
        for (int c = 0; c < narratives; c++) {
            centres[c] = normalise(gaussian(rnd, dim, Math.sqrt(siblingNoise / dim)), themeCentres[c % themes], 1.0);
            // Squared noise norm 0.5..1.2: pairwise cosine inside a narrative about 0.45..0.67.
            spread[c] = Math.sqrt((spreadMin + (spreadMax - spreadMin) * rnd.nextDouble()) / dim);
            size[c] = 1.0 / Math.pow(c + 1, 0.7);
            sizeSum += size[c];
        }
        int noise = (int) Math.round(n * noiseShare);
        int planted = n - noise;
        float[][] vectors = new float[n][];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < narratives; c++) {
            int count = c == narratives - 1 ? planted - i : (int) Math.round(planted * size[c] / sizeSum);
            for (int s = 0; s < count && i < planted; s++, i++) {
                vectors[i] = normalise(gaussian(rnd, dim, spread[c]), centres[c], 1.0);
                labels[i] = c;
            }
        }
        for (; i < n; i++) {
            vectors[i] = normalise(gaussian(rnd, dim, 1.0), null, 0);
            labels[i] = -1;
        }
        // Duplicate groups: 10 planted posts become exact copies of one post of their narrative.
        for (int g = 0; g < duplicateGroups && planted > 20; g++) {
            int original = rnd.nextInt(planted);
            for (int copy = 0; copy < 10; copy++) {
                int target = rnd.nextInt(planted);
                if (target != original) {
                    vectors[target] = vectors[original].clone();
                    labels[target] = labels[original];
                }
            }
        }
        // Interleave so that planted order is not the index order.
        for (int j = n - 1; j > 0; j--) {
            int k = rnd.nextInt(j + 1);
            float[] v = vectors[j];
            vectors[j] = vectors[k];
            vectors[k] = v;
            int l = labels[j];
            labels[j] = labels[k];
            labels[k] = l;
        }
        return new Data(vectors, labels);
    }

    static double[] gaussian(SplittableRandom rnd, int dim, double sigma) {
        double[] g = new double[dim];
        for (int d = 0; d < dim; d++) {
            // Box-Muller, one value per call is plenty here.
            double u = 1.0 - rnd.nextDouble();
            double v = rnd.nextDouble();
            g[d] = sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return g;
    }

    /** normalise(base * scale + g) as floats; base may be null. */
    static float[] normalise(double[] g, float[] base, double scale) {
        double norm = 0;
        double[] x = g.clone();
        if (base != null) {
            for (int d = 0; d < x.length; d++) {
                x[d] += scale * base[d];
            }
        }
        for (double v : x) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = (float) (x[d] / norm);
        }
        return out;
    }

    /**
     * A k-NN graph generated directly (no vectors) for scale tests: points in {@code clusters} planted groups
     * (first 90% of indices round-robin) plus 10% noise. A clustered point's neighbours are random members of its
     * group at distances 0.1-0.4 that grow with rank; a noise point's are random points at 0.85-1.0.
     */
    static KnnGraph plantedGraph(int n, int k, int clusters, long seed, int[] labelsOut) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int planted = (int) (n * 0.9);
        int[][] nb = new int[n][k];
        float[][] dist = new float[n][k];
        int perCluster = planted / clusters;
        for (int i = 0; i < n; i++) {
            boolean inCluster = i < perCluster * clusters;
            int c = inCluster ? i % clusters : -1;
            labelsOut[i] = c;
            float scale = inCluster ? 0.1f + 0.1f * (float) rnd.nextDouble() : 0.85f;
            float step = inCluster ? 0.2f / k : 0.15f / k;
            for (int s = 0; s < k; s++) {
                int j;
                do {
                    j = inCluster ? c + clusters * rnd.nextInt(perCluster) : rnd.nextInt(n);
                } while (j == i);
                nb[i][s] = j;
                dist[i][s] = scale + step * s + 0.001f * (float) rnd.nextDouble() * step;
            }
        }
        return new KnnGraph(nb, dist);
    }
}
