package org.sitroom.engine.internal.cluster;

import java.util.Arrays;

/**
 * Average-linkage (UPGMA) agglomerative clustering of a small set of vectors under cosine distance: groups narrative
 * centroids into a few themes. The distance between two groups is the mean cosine distance over their member pairs;
 * with {@code weights} (e.g. narrative sizes) each item counts that many times, so big narratives pull a theme more.
 * Centroids need not be normalised (a mean of unit vectors is shorter than 1): the cosine is computed with the norms.
 *
 * <p>Nearest-neighbour-chain algorithm on a full distance matrix: O(m^2) time and memory, fine for a few thousand
 * centroids (2,000 take about 32 MB and well under a second). Average linkage has no inversions, so cutting the
 * merge sequence after {@code m - g} merges gives exactly g groups and a distance cut is consistent with it.
 * Deterministic: ties go to the smaller index; labels are numbered by smallest member index.
 */
public final class Agglomerative {

    /**
     * The merge sequence, ascending in distance, scipy-style: merge t joins nodes {@code left[t]} and
     * {@code right[t]} (ids below {@code items} are items, {@code items + s} is merge s) into a group of
     * {@code size[t]} items at {@code distance[t]}.
     */
    public record Dendrogram(int items, int[] left, int[] right, double[] distance, int[] size) {

        /** Labels with exactly {@code groups} groups (capped to 1..items). */
        public int[] cutToGroups(int groups) {
            int g = Math.max(1, Math.min(groups, items));
            return apply(items - g);
        }

        /** Labels after every merge at or below {@code maxDistance} (cosine distance, 0..2). */
        public int[] cutAtDistance(double maxDistance) {
            int merges = 0;
            while (merges < distance.length && distance[merges] <= maxDistance) {
                merges++;
            }
            return apply(merges);
        }

        private int[] apply(int merges) {
            UnionFind uf = new UnionFind(items);
            int[] member = new int[items + distance.length];
            for (int i = 0; i < items; i++) {
                member[i] = i;
            }
            for (int t = 0; t < distance.length; t++) {
                member[items + t] = member[left[t]];
                if (t < merges) {
                    uf.union(member[left[t]], member[right[t]]);
                }
            }
            return uf.canonicalLabels();
        }
    }

    private Agglomerative() {
    }

    /** Labels of {@code groups} themes (unweighted average linkage). */
    public static int[] byCount(float[][] vectors, int groups) {
        return dendrogram(vectors, null).cutToGroups(groups);
    }

    /** Labels after merging every pair of groups whose average cosine distance is at most {@code maxDistance}. */
    public static int[] byThreshold(float[][] vectors, double maxDistance) {
        return dendrogram(vectors, null).cutAtDistance(maxDistance);
    }

    /**
     * The full average-linkage dendrogram.
     *
     * @param vectors items (any length > 0, same dimension)
     * @param weights item multiplicities, or null for 1 each
     */
    public static Dendrogram dendrogram(float[][] vectors, double[] weights) {
        int m = vectors.length;
        if (weights != null && weights.length != m) {
            throw new IllegalArgumentException("one weight per item expected");
        }
        if (m == 0) {
            return new Dendrogram(0, new int[0], new int[0], new double[0], new int[0]);
        }
        double[] norm = new double[m];
        for (int i = 0; i < m; i++) {
            norm[i] = Math.sqrt(KnnGraph.dot(vectors[i], vectors[i]));
        }
        double[][] d = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double cos = norm[i] > 0 && norm[j] > 0 ? dotD(vectors[i], vectors[j]) / (norm[i] * norm[j]) : 0;
                double v = Math.min(2, Math.max(0, 1 - cos));
                d[i][j] = v;
                d[j][i] = v;
            }
        }
        double[] w = new double[m];
        int[] count = new int[m];
        for (int i = 0; i < m; i++) {
            w[i] = weights == null ? 1 : weights[i];
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("weights must be > 0");
            }
            count[i] = 1;
        }
        boolean[] active = new boolean[m];
        Arrays.fill(active, true);
        // Raw merges as found (slot ids: a group lives in the slot of its smallest item).
        int[] ma = new int[m - 1];
        int[] mb = new int[m - 1];
        double[] md = new double[m - 1];
        int[] chain = new int[m];
        int len = 0;
        int firstActive = 0;
        for (int merges = 0; merges < m - 1; ) {
            if (len == 0) {
                while (!active[firstActive]) {
                    firstActive++;
                }
                chain[len++] = firstActive;
            }
            int a = chain[len - 1];
            int prev = len >= 2 ? chain[len - 2] : -1;
            // Prefer the previous chain element on ties: that guarantees the chain ends in a reciprocal pair.
            int best = prev;
            double bestD = prev >= 0 ? d[a][prev] : Double.POSITIVE_INFINITY;
            double[] row = d[a];
            for (int k = 0; k < m; k++) {
                if (active[k] && k != a && row[k] < bestD) {
                    bestD = row[k];
                    best = k;
                }
            }
            if (best == prev) {
                len -= 2;
                int keep = Math.min(a, prev);
                int drop = Math.max(a, prev);
                ma[merges] = keep;
                mb[merges] = drop;
                md[merges] = bestD;
                merges++;
                double wk = w[keep];
                double wd = w[drop];
                for (int k = 0; k < m; k++) {
                    if (active[k] && k != keep && k != drop) {
                        double v = (wk * d[keep][k] + wd * d[drop][k]) / (wk + wd);
                        d[keep][k] = v;
                        d[k][keep] = v;
                    }
                }
                w[keep] = wk + wd;
                count[keep] += count[drop];
                active[drop] = false;
            } else {
                chain[len++] = best;
            }
        }
        // Sort merges by distance (stable), then give them scipy-style node ids.
        Integer[] order = new Integer[m - 1];
        for (int t = 0; t < m - 1; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (x, y) -> Double.compare(md[x], md[y]));
        int[] nodeOfSlot = new int[m];
        int[] sizeOfSlot = new int[m];
        for (int i = 0; i < m; i++) {
            nodeOfSlot[i] = i;
            sizeOfSlot[i] = 1;
        }
        int[] left = new int[m - 1];
        int[] right = new int[m - 1];
        double[] dist = new double[m - 1];
        int[] size = new int[m - 1];
        for (int t = 0; t < m - 1; t++) {
            int raw = order[t];
            int a = ma[raw];
            int b = mb[raw];
            left[t] = nodeOfSlot[a];
            right[t] = nodeOfSlot[b];
            dist[t] = md[raw];
            size[t] = sizeOfSlot[a] + sizeOfSlot[b];
            nodeOfSlot[a] = m + t;
            sizeOfSlot[a] = size[t];
        }
        return new Dendrogram(m, left, right, dist, size);
    }

    private static double dotD(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
