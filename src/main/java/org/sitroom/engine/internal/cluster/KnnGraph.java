package org.sitroom.engine.internal.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;

/**
 * A k-nearest-neighbour graph as parallel arrays: for point {@code i}, {@code neighbours[i][s]} is its s-th nearest
 * other point and {@code distances[i][s]} the distance to it, sorted ascending, the point itself excluded. For
 * L2-normalised embeddings the distance is {@code 1 - cosine} (0 = same direction, 1 = orthogonal, 2 = opposite).
 *
 * <p>Rows may differ in length (an approximate index may return fewer hits for some points) and the relation need
 * not be symmetric. In production the arrays come from Lucene's HNSW search; {@link #bruteForce} is the exact
 * reference for tests and small inputs. The arrays are shared, not copied: do not modify them after construction.
 *
 * @param neighbours per point, indices of its nearest other points, nearest first
 * @param distances  per point, the matching distances, ascending, finite
 */
public record KnnGraph(int[][] neighbours, float[][] distances) {

    /** Checks shape, ranges and order once, so the clustering hot loops need not. */
    public KnnGraph {
        if (neighbours == null || distances == null || neighbours.length != distances.length) {
            throw new IllegalArgumentException("neighbours and distances must be non-null with one row per point");
        }
        int n = neighbours.length;
        for (int i = 0; i < n; i++) {
            int[] nb = neighbours[i];
            float[] d = distances[i];
            if (nb == null || d == null || nb.length != d.length) {
                throw new IllegalArgumentException("row " + i + ": neighbours and distances differ in length");
            }
            float previous = Float.NEGATIVE_INFINITY;
            for (int s = 0; s < nb.length; s++) {
                int j = nb[s];
                if (j < 0 || j >= n || j == i) {
                    throw new IllegalArgumentException("row " + i + ": bad neighbour " + j);
                }
                float x = d[s];
                if (!Float.isFinite(x) || x < previous) {
                    throw new IllegalArgumentException("row " + i + ": distances must be finite and ascending");
                }
                previous = x;
            }
        }
    }

    /** Number of points. */
    public int size() {
        return neighbours.length;
    }

    /** Total number of directed edges (sum of row lengths). */
    public long edgeCount() {
        long e = 0;
        for (int[] row : neighbours) {
            e += row.length;
        }
        return e;
    }

    /** Length of the longest row. */
    public int maxDegree() {
        int k = 0;
        for (int[] row : neighbours) {
            k = Math.max(k, row.length);
        }
        return k;
    }

    /**
     * The same graph with each row cut to at most {@code k} neighbours (rows are shared when already short enough).
     */
    public KnnGraph truncate(int k) {
        int n = size();
        int[][] nb = new int[n][];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            nb[i] = neighbours[i].length <= k ? neighbours[i] : Arrays.copyOf(neighbours[i], k);
            d[i] = distances[i].length <= k ? distances[i] : Arrays.copyOf(distances[i], k);
        }
        return new KnnGraph(nb, d);
    }

    /**
     * The exact k-NN graph of L2-normalised vectors under {@code 1 - dot}, by brute force: O(n^2 d), for tests and
     * small n (5,000 x 384-d is 12.5 million dot products: seconds, not milliseconds). Rows are computed in parallel on the common pool;
     * each row is independent and ties are broken by the smaller index, so the result does not depend on
     * scheduling. Distances slightly below zero from float rounding are clamped to 0.
     *
     * @param vectors L2-normalised, all the same length
     * @param k       neighbours per point; capped at {@code n - 1}
     */
    public static KnnGraph bruteForce(float[][] vectors, int k) {
        int n = vectors.length;
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        int kk = Math.min(k, Math.max(0, n - 1));
        int[][] nb = new int[n][kk];
        float[][] dist = new float[n][kk];
        // Rows in blocks: one block's vectors stay in cache while every other vector streams past once, which
        // cuts memory traffic by the block size compared with a row at a time.
        int block = 16;
        int blocks = (n + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            int rows = to - from;
            int[] filled = new int[rows];
            for (int j = 0; j < n; j++) {
                float[] vj = vectors[j];
                for (int r = 0; r < rows; r++) {
                    int i = from + r;
                    if (i == j) {
                        continue;
                    }
                    float d = Math.max(0f, 1f - dot(vectors[i], vj));
                    filled[r] = offer(nb[i], dist[i], filled[r], j, d);
                }
            }
        });
        return new KnnGraph(nb, dist);
    }

    /**
     * Inserts candidate {@code (j, d)} into the sorted bounded row; returns the new fill. Candidates arrive in
     * increasing {@code j}, so accepting only strictly smaller distances than the worst kept breaks ties by index.
     */
    private static int offer(int[] nb, float[] dist, int filled, int j, float d) {
        int cap = nb.length;
        if (cap == 0) {
            return 0;
        }
        if (filled == cap && d >= dist[cap - 1]) {
            return filled;
        }
        int pos = filled == cap ? cap - 1 : filled;
        while (pos > 0 && dist[pos - 1] > d) {
            nb[pos] = nb[pos - 1];
            dist[pos] = dist[pos - 1];
            pos--;
        }
        nb[pos] = j;
        dist[pos] = d;
        return filled == cap ? cap : filled + 1;
    }

    /**
     * Dot product by Lucene's SIMD code (Panama vectors when {@code jdk.incubator.vector} is present): the exact graph
     * of a first recluster spends nearly all its time here, and the scalar loop this replaced was several times slower.
     */
    static float dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }
}
