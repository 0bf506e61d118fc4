package org.sitroom.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.lucene.util.VectorUtil;
import org.sitroom.engine.internal.cluster.KMeans;
import org.sitroom.engine.internal.cluster.KnnGraph;

/**
 * A cheap approximate k-NN graph for a million in-memory vectors, where building a Lucene HNSW index does not fit the
 * benchmark's time: an inverted file (IVF). Spherical k-means on a sample gives {@code cells} centroids; every vector
 * is filed under its nearest centroid; a query scans the vectors of its {@code probes} nearest cells exactly. It uses
 * no labels. Recall is measured against brute force on a sample and reported beside the timings.
 */
final class IvfGraph {

    private final float[][] vectors;
    private final float[][] centroids;
    /** Per vector, its {@code probes} nearest cells, nearest first. */
    private final int[][] cellsOf;
    /** Members of each cell. */
    private final int[][] members;
    private final int probes;

    private IvfGraph(float[][] vectors, float[][] centroids, int[][] cellsOf, int[][] members, int probes) {
        this.vectors = vectors;
        this.centroids = centroids;
        this.cellsOf = cellsOf;
        this.members = members;
        this.probes = probes;
    }

    static IvfGraph build(float[][] vectors, int cells, int probes, long seed) {
        int n = vectors.length;
        int sampleSize = Math.min(n, cells * 8);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] sample = new float[sampleSize][];
        for (int i = 0; i < sampleSize; i++) {
            sample[i] = vectors[rnd.nextInt(n)];
        }
        float[][] centroids = KMeans.fit(sample, new KMeans.Options(cells, 4, 1, seed, KMeans.Metric.COSINE)).centroids();
        int[][] cellsOf = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> cellsOf[i] = nearestCells(centroids, vectors[i], probes));
        int[] counts = new int[cells];
        for (int[] c : cellsOf) {
            counts[c[0]]++;
        }
        int[][] members = new int[cells][];
        for (int c = 0; c < cells; c++) {
            members[c] = new int[counts[c]];
        }
        int[] fill = new int[cells];
        for (int i = 0; i < n; i++) {
            int c = cellsOf[i][0];
            members[c][fill[c]++] = i;
        }
        return new IvfGraph(vectors, centroids, cellsOf, members, probes);
    }

    /** The k-NN graph of all vectors (distance 1 - cosine), each row from its own probed cells. */
    KnnGraph graph(int k) {
        int n = vectors.length;
        int[][] nb = new int[n][];
        float[][] dist = new float[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            Top top = new Top(k);
            for (int c : cellsOf[i]) {
                for (int j : members[c]) {
                    if (j != i) {
                        top.offer(j, VectorUtil.dotProduct(vectors[i], vectors[j]));
                    }
                }
            }
            nb[i] = top.ids();
            dist[i] = top.distances();
        });
        return new KnnGraph(nb, dist);
    }

    /** Nearest stored vectors of a query vector, from its {@code queryProbes} nearest cells. */
    Top search(float[] query, int k, int queryProbes) {
        Top top = new Top(k);
        for (int c : nearestCells(centroids, query, queryProbes)) {
            for (int j : members[c]) {
                top.offer(j, VectorUtil.dotProduct(query, vectors[j]));
            }
        }
        return top;
    }

    /** Share of the true k nearest neighbours (brute force) the graph found, over {@code sample} random points. */
    static double recall(float[][] vectors, KnnGraph graph, int k, int sample, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] points = rnd.ints(sample, 0, vectors.length).toArray();
        long hits = IntStream.range(0, sample).parallel().mapToLong(s -> {
            int i = points[s];
            Top exact = new Top(k);
            for (int j = 0; j < vectors.length; j++) {
                if (j != i) {
                    exact.offer(j, VectorUtil.dotProduct(vectors[i], vectors[j]));
                }
            }
            int[] truth = exact.ids();
            Arrays.sort(truth);
            long h = 0;
            for (int j : graph.neighbours()[i]) {
                if (Arrays.binarySearch(truth, j) >= 0) {
                    h++;
                }
            }
            return h;
        }).sum();
        return hits / (double) (sample * (long) k);
    }

    int probes() {
        return probes;
    }

    private static int[] nearestCells(float[][] centroids, float[] v, int probes) {
        Top top = new Top(Math.min(probes, centroids.length));
        for (int c = 0; c < centroids.length; c++) {
            top.offer(c, VectorUtil.dotProduct(v, centroids[c]));
        }
        return top.ids();
    }

    /** The best k (highest similarity, ties to the smaller id) seen so far. */
    static final class Top {
        private final int[] ids;
        private final float[] sims;
        private int size;

        Top(int k) {
            ids = new int[k];
            sims = new float[k];
        }

        void offer(int id, float sim) {
            int k = ids.length;
            if (size == k && sim <= sims[k - 1]) {
                return;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && sims[pos - 1] < sim) {
                ids[pos] = ids[pos - 1];
                sims[pos] = sims[pos - 1];
                pos--;
            }
            ids[pos] = id;
            sims[pos] = sim;
        }

        int[] ids() {
            return Arrays.copyOf(ids, size);
        }

        float[] similarities() {
            return Arrays.copyOf(sims, size);
        }

        /** 1 - similarity, ascending, clamped at 0. */
        float[] distances() {
            float[] d = new float[size];
            for (int s = 0; s < size; s++) {
                d[s] = Math.max(0f, 1f - sims[s]);
            }
            return d;
        }
    }
}
