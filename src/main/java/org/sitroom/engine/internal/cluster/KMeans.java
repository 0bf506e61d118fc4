package org.sitroom.engine.internal.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * k-means with k-means++ seeding and Lloyd iterations, seeded and deterministic: the quality benchmark's baseline
 * "k-means with the true number of groups".
 *
 * <p>{@link Metric#COSINE} (default) is spherical k-means: points go to the centroid of highest cosine, centroids
 * are the re-normalised mean direction, and the objective is {@code sum(1 - cos)}. That is the right geometry for
 * L2-normalised sentence embeddings, whose length carries no meaning. {@link Metric#EUCLIDEAN} is classic k-means
 * (sum of squared distances). Seeding draws each next centre with probability proportional to the squared
 * Euclidean distance to the nearest chosen one (for unit vectors, {@code 2(1 - cos)}, so both metrics seed alike).
 * An emptied cluster is re-seeded with the point farthest from its centroid. Assignment runs in parallel over
 * points; centroid sums are accumulated in point order in double precision, so results do not depend on threads.
 */
public final class KMeans {

    /** Geometry of the assignment and the centroids. */
    public enum Metric {
        /** Spherical k-means on directions. */
        COSINE,
        /** Classic k-means on squared Euclidean distance. */
        EUCLIDEAN
    }

    /**
     * Settings.
     *
     * @param k             clusters
     * @param maxIterations Lloyd iterations at most per run
     * @param restarts      independent seedings; the lowest objective wins
     * @param seed          seed
     * @param metric        geometry
     */
    public record Options(int k, int maxIterations, int restarts, long seed, Metric metric) {

        public Options {
            if (k < 1 || maxIterations < 1 || restarts < 1 || metric == null) {
                throw new IllegalArgumentException("need k, maxIterations, restarts >= 1");
            }
        }

        /** k clusters, 100 iterations, one seeding (k-means++ makes restarts rarely worth it), seed 0, cosine. */
        public static Options of(int k) {
            return new Options(k, 100, 1, 0L, Metric.COSINE);
        }

        public Options withSeed(long s) {
            return new Options(k, maxIterations, restarts, s, metric);
        }

        public Options withRestarts(int r) {
            return new Options(k, maxIterations, r, seed, metric);
        }

        public Options withMetric(Metric m) {
            return new Options(k, maxIterations, restarts, seed, m);
        }
    }

    /**
     * Outcome.
     *
     * @param labels     cluster of each point, 0..k-1 numbered by smallest member index
     * @param centroids  centroid of each label
     * @param objective  sum of (1 - cos) or of squared distances
     * @param iterations Lloyd iterations of the winning run
     */
    public record Result(int[] labels, float[][] centroids, double objective, int iterations) {
    }

    private KMeans() {
    }

    public static Result fit(float[][] points, Options options) {
        int n = points.length;
        if (n == 0) {
            return new Result(new int[0], new float[0][], 0, 0);
        }
        int k = Math.min(options.k(), n);
        SplittableRandom root = new SplittableRandom(options.seed());
        Result best = null;
        for (int r = 0; r < options.restarts(); r++) {
            Result run = runOnce(points, k, options, root.split());
            if (best == null || run.objective() < best.objective()) {
                best = run;
            }
        }
        return canonical(best);
    }

    private static Result runOnce(float[][] x, int k, Options options, SplittableRandom rnd) {
        int n = x.length;
        int dim = x[0].length;
        boolean cosine = options.metric() == Metric.COSINE;
        float[][] c = seed(x, k, rnd);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        float[] cost = new float[n];
        int iterations = 0;
        for (int it = 0; it < options.maxIterations(); it++) {
            iterations = it + 1;
            float[][] centres = c;
            int[] newLabels = new int[n];
            IntStream.range(0, n).parallel().forEach(i -> {
                int bestJ = 0;
                float bestCost = Float.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    float v = cosine ? 1f - KnnGraph.dot(x[i], centres[j]) : sqDist(x[i], centres[j]);
                    if (v < bestCost) {
                        bestCost = v;
                        bestJ = j;
                    }
                }
                newLabels[i] = bestJ;
                cost[i] = bestCost;
            });
            boolean changed = !Arrays.equals(newLabels, labels);
            labels = newLabels;
            // Stop with centroids that match the labels: converged, or out of iterations.
            if (!changed || it == options.maxIterations() - 1) {
                break;
            }
            c = update(x, labels, cost, k, dim, cosine);
        }
        double objective = 0;
        for (float v : cost) {
            objective += v;
        }
        return new Result(labels, c, objective, iterations);
    }

    private static float[][] update(float[][] x, int[] labels, float[] cost, int k, int dim, boolean cosine) {
        int n = x.length;
        double[][] sum = new double[k][dim];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            double[] s = sum[labels[i]];
            float[] xi = x[i];
            for (int d = 0; d < dim; d++) {
                s[d] += xi[d];
            }
            count[labels[i]]++;
        }
        float[][] c = new float[k][dim];
        boolean[] taken = new boolean[n];
        for (int j = 0; j < k; j++) {
            if (count[j] == 0) {
                // Re-seed an empty cluster with the worst-served point (first on ties), never the same one twice.
                int far = -1;
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && (far < 0 || cost[i] > cost[far])) {
                        far = i;
                    }
                }
                taken[far] = true;
                c[j] = x[far].clone();
                continue;
            }
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                double v = sum[j][d] / count[j];
                sum[j][d] = v;
                norm += v * v;
            }
            double scale = cosine && norm > 0 ? 1.0 / Math.sqrt(norm) : 1.0;
            for (int d = 0; d < dim; d++) {
                c[j][d] = (float) (sum[j][d] * scale);
            }
        }
        return c;
    }

    /** k-means++ seeding. */
    private static float[][] seed(float[][] x, int k, SplittableRandom rnd) {
        int n = x.length;
        float[][] c = new float[k][];
        c[0] = x[rnd.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = sqDist(x[i], c[0]);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                pick = rnd.nextInt(n);
            } else {
                double target = rnd.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc > target) {
                        pick = i;
                        break;
                    }
                }
            }
            c[j] = x[pick].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], sqDist(x[i], c[j]));
            }
        }
        return c;
    }

    static float sqDist(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            float t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }

    /** Renumbers labels by smallest member index (empty labels dropped) and reorders centroids to match. */
    private static Result canonical(Result r) {
        int k = r.centroids().length;
        int[] map = new int[k];
        Arrays.fill(map, -1);
        int next = 0;
        int[] labels = new int[r.labels().length];
        for (int i = 0; i < labels.length; i++) {
            int l = r.labels()[i];
            if (map[l] < 0) {
                map[l] = next++;
            }
            labels[i] = map[l];
        }
        float[][] centroids = new float[next][];
        for (int j = 0; j < k; j++) {
            if (map[j] >= 0) {
                centroids[map[j]] = r.centroids()[j];
            }
        }
        return new Result(labels, centroids, r.objective(), r.iterations());
    }
}
