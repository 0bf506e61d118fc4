package org.sitroom.engine.internal.cluster;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * KNNGR, the k-nearest-neighbour generalisation rate of the PAPYER paper (Christensen et al., arXiv 2209.00495):
 * how well labels can be predicted from an embedding's neighbourhoods. A kNN classifier with
 * {@code k = floor(log2 N)} (N = labelled items scored, after exclusions) is trained on a random 70% of the items
 * and tested on the other 30% (test size {@code ceil(0.3 N)}, as sklearn's {@code train_test_split}); the accuracy
 * is averaged over 50 seeded splits and reported with its population standard deviation (numpy's default). The
 * paper reports percentages: multiply by 100.
 *
 * <p>Neighbours by dot product (= cosine on L2-normalised vectors) or by Euclidean distance (for 2-D maps such as
 * the paper's t-SNE/SNaCK embeddings). Ties in similarity go to the smaller item index; a tied vote goes to the
 * smallest label, like sklearn's {@code KNeighborsClassifier}. Items with a negative label, and the
 * {@code excludeLabel} if given (the paper drops PAPYER's label 31, "irrelevant"), are left out entirely.
 * Deterministic given the seed; splits are scored in parallel.
 */
public final class Knngr {

    /** Up to this many items, all pairwise scores are kept (64 MB of floats at the limit). */
    static final int GRAM_LIMIT = 4096;

    /** Neighbours listed per item above {@link #GRAM_LIMIT} (at least 4 k). */
    static final int LIST_LENGTH = 64;

    /** How neighbours are ranked. */
    public enum Similarity {
        /** Largest dot product first: cosine for L2-normalised vectors. */
        DOT,
        /** Smallest Euclidean distance first. */
        EUCLIDEAN
    }

    /**
     * Settings.
     *
     * @param splits       random train/test splits averaged
     * @param testShare    share of items tested per split
     * @param seed         seed of the splits
     * @param excludeLabel a label to leave out, if any
     * @param similarity   neighbour ranking
     */
    public record Options(int splits, double testShare, long seed, OptionalInt excludeLabel, Similarity similarity) {

        public Options {
            if (splits < 1 || !(testShare > 0 && testShare < 1) || excludeLabel == null || similarity == null) {
                throw new IllegalArgumentException("need splits >= 1, 0 < testShare < 1");
            }
        }

        /** 50 splits, 30% test, seed 0, nothing excluded, dot product. */
        public static Options defaults() {
            return new Options(50, 0.3, 0L, OptionalInt.empty(), Similarity.DOT);
        }

        public Options withExcludeLabel(int label) {
            return new Options(splits, testShare, seed, OptionalInt.of(label), similarity);
        }

        public Options withSeed(long s) {
            return new Options(splits, testShare, s, excludeLabel, similarity);
        }

        public Options withSplits(int s) {
            return new Options(s, testShare, seed, excludeLabel, similarity);
        }

        public Options withSimilarity(Similarity s) {
            return new Options(splits, testShare, seed, excludeLabel, s);
        }
    }

    /**
     * Outcome.
     *
     * @param mean       mean accuracy over the splits, in [0, 1]
     * @param std        population standard deviation of the accuracies
     * @param k          neighbours voted
     * @param items      labelled items scored
     * @param accuracies accuracy of each split
     */
    public record Result(double mean, double std, int k, int items, double[] accuracies) {
    }

    private Knngr() {
    }

    public static Result evaluate(float[][] vectors, int[] labels) {
        return evaluate(vectors, labels, Options.defaults());
    }

    public static Result evaluate(float[][] vectors, int[] labels, Options options) {
        return evaluate(vectors, labels, options, GRAM_LIMIT);
    }

    /** With the all-pairs table up to {@code gramLimit} items and neighbour lists above (tests force either). */
    static Result evaluate(float[][] vectors, int[] labels, Options options, int gramLimit) {
        if (vectors.length != labels.length) {
            throw new IllegalArgumentException("one label per vector expected");
        }
        int[] keep = IntStream.range(0, labels.length)
                .filter(i -> labels[i] >= 0
                        && (options.excludeLabel().isEmpty() || labels[i] != options.excludeLabel().getAsInt()))
                .toArray();
        int n = keep.length;
        if (n < 4) {
            throw new IllegalArgumentException("need at least 4 labelled items, got " + n);
        }
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = vectors[keep[i]];
            y[i] = labels[keep[i]];
        }
        int k = Math.max(1, 31 - Integer.numberOfLeadingZeros(n));
        int test = (int) Math.ceil(options.testShare() * n);
        int train = n - test;
        if (train < 1 || test < 1) {
            throw new IllegalArgumentException("split leaves an empty side");
        }
        int kk = Math.min(k, train);
        // Small sets: score all pairs once (N^2 floats), then every split only looks up. Large sets: each item's
        // nearest items once (a list of LIST_LENGTH); a split's k nearest training items are the first k of the list
        // that fall in its training side (the same items the full scan finds, ties by index included); only a
        // query whose list runs out (the training side is a random 70%: practically never) is scanned in full.
        float[][] sim = n <= gramLimit ? gram(x, options.similarity()) : null;
        int[][] near = sim == null ? nearestLists(x, Math.min(n - 1, Math.max(LIST_LENGTH, 4 * kk)),
                options.similarity()) : null;
        double[] acc = new double[options.splits()];
        IntStream.range(0, options.splits()).parallel().forEach(s -> {
            int[] perm = permutation(n, NearDuplicates.mix64(options.seed() + (s + 1) * 0x9E3779B97F4A7C15L));
            int[] trainIdx = Arrays.copyOf(perm, train);
            Arrays.sort(trainIdx);
            int correct = 0;
            int[] bestIdx = new int[kk];
            float[] bestSim = new float[kk];
            boolean[] inTrain = new boolean[n];
            for (int j : trainIdx) {
                inTrain[j] = true;
            }
            for (int t = train; t < n; t++) {
                int q = perm[t];
                int filled = 0;
                if (near != null) {
                    for (int j : near[q]) {
                        if (inTrain[j]) {
                            bestIdx[filled++] = j;
                            if (filled == kk) {
                                break;
                            }
                        }
                    }
                    if (filled == kk) {
                        if (vote(bestIdx, filled, y) == y[q]) {
                            correct++;
                        }
                        continue;
                    }
                    filled = 0;
                }
                for (int j : trainIdx) {
                    float v = sim != null ? sim[q][j] : score(x[q], x[j], options.similarity());
                    if (filled < kk) {
                        filled = insert(bestIdx, bestSim, filled, j, v);
                    } else if (v > bestSim[kk - 1]) {
                        insert(bestIdx, bestSim, filled, j, v);
                    }
                }
                if (vote(bestIdx, filled, y) == y[q]) {
                    correct++;
                }
            }
            acc[s] = (double) correct / test;
        });
        double mean = Arrays.stream(acc).sum() / acc.length;
        double var = 0;
        for (double a : acc) {
            var += (a - mean) * (a - mean);
        }
        return new Result(mean, Math.sqrt(var / acc.length), k, n, acc);
    }

    /**
     * Each item's {@code length} nearest other items, nearest first, equal scores by smaller index (the order the
     * full scan keeps). O(N^2 d) once, in parallel blocks; SIMD dot products where the JVM offers them.
     */
    static int[][] nearestLists(float[][] x, int length, Similarity similarity) {
        int n = x.length;
        int[][] out = new int[n][];
        int block = 32;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            int[][] idx = new int[to - from][length];
            float[][] best = new float[to - from][length];
            int[] filled = new int[to - from];
            for (int j = 0; j < n; j++) {
                float[] xj = x[j];
                for (int r = 0; r < to - from; r++) {
                    int i = from + r;
                    if (i == j) {
                        continue;
                    }
                    float v = similarity == Similarity.DOT
                            ? org.apache.lucene.util.VectorUtil.dotProduct(x[i], xj) : score(x[i], xj, similarity);
                    if (filled[r] < length) {
                        filled[r] = insert(idx[r], best[r], filled[r], j, v);
                    } else if (v > best[r][length - 1]) {
                        insert(idx[r], best[r], filled[r], j, v);
                    }
                }
            }
            for (int r = 0; r < to - from; r++) {
                out[from + r] = java.util.Arrays.copyOf(idx[r], filled[r]);
            }
        });
        return out;
    }

    /** Insert into a descending bounded list; equal scores keep the earlier (smaller) index first. */
    private static int insert(int[] idx, float[] sim, int filled, int j, float v) {
        int cap = idx.length;
        int pos = filled < cap ? filled : cap - 1;
        while (pos > 0 && sim[pos - 1] < v) {
            idx[pos] = idx[pos - 1];
            sim[pos] = sim[pos - 1];
            pos--;
        }
        idx[pos] = j;
        sim[pos] = v;
        return filled < cap ? filled + 1 : cap;
    }

    /** Majority label; ties to the smallest label. */
    private static int vote(int[] idx, int filled, int[] y) {
        int[] labels = new int[filled];
        for (int i = 0; i < filled; i++) {
            labels[i] = y[idx[i]];
        }
        Arrays.sort(labels);
        int best = labels[0];
        int bestCount = 0;
        int i = 0;
        while (i < filled) {
            int j = i;
            while (j < filled && labels[j] == labels[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = labels[i];
            }
            i = j;
        }
        return best;
    }

    private static float[][] gram(float[][] x, Similarity similarity) {
        int n = x.length;
        float[][] g = new float[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                g[i][j] = score(x[i], x[j], similarity);
            }
        });
        return g;
    }

    /** Higher = nearer: the dot product, or minus the squared Euclidean distance. */
    private static float score(float[] a, float[] b, Similarity similarity) {
        if (similarity == Similarity.DOT) {
            return KnnGraph.dot(a, b);
        }
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            float t = a[d] - b[d];
            s += t * t;
        }
        return -s;
    }

    /** Fisher-Yates with its own seeded generator, so split s is the same whatever thread runs it. */
    private static int[] permutation(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
