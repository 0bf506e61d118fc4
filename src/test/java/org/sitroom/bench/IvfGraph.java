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

    /** Members scanned against all of a cell's queries at a time: 128 vectors of 384 floats, 192 KB. */
    private static final int MEMBER_BLOCK = 128;

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
        int[][] members = byCell(cells, n, i -> cellsOf[i][0]);
        return new IvfGraph(vectors, centroids, cellsOf, members, probes);
    }

    /**
     * The k-NN graph of all vectors (distance 1 - cosine), each row from its own probed cells. Computed cell by cell
     * rather than row by row: a cell's members (about 890 vectors, 1.3 MB) are read from memory once, and a block of
     * them at a time stays in cache while every row that probes the cell is scanned against it ({@link #scanCell}).
     * Row by row, each row fetched its cells anew, and the scan was bound by memory, not by arithmetic. A row sees its
     * cells in the same order (nearest first) and each cell's members in the same order either way, so the graph is
     * the same.
     */
    KnnGraph graph(int k) {
        int n = vectors.length;
        Top[] tops = new Top[n];
        Arrays.setAll(tops, i -> new Top(k));
        scanByCell(tops);
        int[][] nb = new int[n][];
        float[][] dist = new float[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            // The rows take the Top's own arrays where it is full, so the graph costs no second copy of itself.
            nb[i] = tops[i].takeIds();
            dist[i] = tops[i].takeDistances();
            tops[i] = null;
        });
        return new KnnGraph(nb, dist);
    }

    /**
     * Nearest stored vectors of a query vector, from its {@code queryProbes} nearest cells, one query at a time: the
     * plain scan that {@link #searchAll} and {@link #graph} must agree with ({@code IvfGraphTest}).
     */
    Top search(float[] query, int k, int queryProbes) {
        Top top = new Top(k);
        for (int c : nearestCells(centroids, query, queryProbes)) {
            for (int j : members[c]) {
                top.offer(j, VectorUtil.dotProduct(query, vectors[j]));
            }
        }
        return top;
    }

    /**
     * {@link #search} for many queries at once, cell by cell: each probed cell is read from memory once for all the
     * queries that probe it. A batch has about as many queries as there are cells, so one cell serves only a few; it
     * pays only if every query that probes the cell, at whatever rank, is scanned while the cell is in cache. Each
     * (query, cell) pair gets a Top of its own, and a query's Tops are merged nearest cell first. The merge keeps a
     * cell's best k in their order, and cells in probe order, so ties go the way one search per query sends them:
     * same answers.
     */
    Top[] searchAll(float[][] queries, int k, int queryProbes) {
        int cells = members.length;
        int[][] probed = new int[queries.length][];
        IntStream.range(0, queries.length).parallel()
                .forEach(q -> probed[q] = nearestCells(centroids, queries[q], queryProbes));
        // Pairs (query, rank) grouped by cell, as q * queryProbes + rank.
        int[][] pairsOf = byCell(cells, queries.length * queryProbes, pair -> {
            int[] p = probed[pair / queryProbes];
            return pair % queryProbes < p.length ? p[pair % queryProbes] : -1;
        });
        Top[][] partial = new Top[queries.length][queryProbes];
        IntStream.range(0, cells).parallel().forEach(c -> {
            int[] pairs = pairsOf[c];
            float[][] pairVectors = new float[pairs.length][];
            Top[] pairTops = new Top[pairs.length];
            for (int p = 0; p < pairs.length; p++) {
                pairVectors[p] = queries[pairs[p] / queryProbes];
                pairTops[p] = new Top(k);
                partial[pairs[p] / queryProbes][pairs[p] % queryProbes] = pairTops[p];
            }
            scanCell(members[c], pairVectors, pairTops, null);
        });
        Top[] tops = new Top[queries.length];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            Top merged = new Top(k);
            for (int r = 0; r < probed[q].length; r++) {
                Top part = partial[q][r];
                for (int s = 0; s < part.size; s++) {
                    merged.offer(part.ids[s], part.sims[s]);
                }
            }
            tops[q] = merged;
        });
        return tops;
    }

    /**
     * Offers each row the members of its probed cells. One pass per probe rank: in a pass each row probes exactly one
     * cell, so the cells can be scanned in parallel without two threads sharing a row's {@link Top}, and every row
     * still sees its cells nearest first. A cell has about as many rows probing it at each rank as it has members, so
     * a pass reads it once for a thousand rows.
     */
    private void scanByCell(Top[] tops) {
        int cells = members.length;
        for (int rank = 0; rank < Math.min(probes, cells); rank++) {
            int atRank = rank;
            int[][] rowsOf = byCell(cells, cellsOf.length, i -> cellsOf[i][atRank]);
            IntStream.range(0, cells).parallel().forEach(c -> {
                int[] rows = rowsOf[c];
                float[][] rowVectors = new float[rows.length][];
                Top[] rowTops = new Top[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    rowVectors[r] = vectors[rows[r]];
                    rowTops[r] = tops[rows[r]];
                }
                scanCell(members[c], rowVectors, rowTops, rows);
            });
        }
    }

    /**
     * Offers every query the cell's members, each query in the members' order, {@link #MEMBER_BLOCK} members at a
     * time: a block stays in the core's own cache while all the queries are scanned against it. A whole cell (about
     * 1.3 MB) does not fit the 1 MB of L2 a core has here, so without blocks it was fetched again for every query.
     * {@code self} (or null) gives each query's own id, left out.
     */
    private void scanCell(int[] cellMembers, float[][] queryVectors, Top[] queryTops, int[] self) {
        for (int from = 0; from < cellMembers.length; from += MEMBER_BLOCK) {
            int to = Math.min(cellMembers.length, from + MEMBER_BLOCK);
            for (int q = 0; q < queryVectors.length; q++) {
                float[] v = queryVectors[q];
                Top top = queryTops[q];
                int skip = self == null ? -1 : self[q];
                for (int m = from; m < to; m++) {
                    int j = cellMembers[m];
                    if (j != skip) {
                        top.offer(j, VectorUtil.dotProduct(v, vectors[j]));
                    }
                }
            }
        }
    }

    /**
     * Items {@code 0..items-1} grouped by the cell {@code cellOf} gives each (-1: none), ascending within a cell: a
     * counting sort, so a cell's list costs no more than its length.
     */
    private static int[][] byCell(int cells, int items, java.util.function.IntUnaryOperator cellOf) {
        int[] counts = new int[cells];
        for (int i = 0; i < items; i++) {
            int c = cellOf.applyAsInt(i);
            if (c >= 0) {
                counts[c]++;
            }
        }
        int[][] out = new int[cells][];
        for (int c = 0; c < cells; c++) {
            out[c] = new int[counts[c]];
        }
        int[] fill = new int[cells];
        for (int i = 0; i < items; i++) {
            int c = cellOf.applyAsInt(i);
            if (c >= 0) {
                out[c][fill[c]++] = i;
            }
        }
        return out;
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

        /** {@link #ids()}, handing over the array itself when it is full; the Top is not used after. */
        int[] takeIds() {
            return size == ids.length ? ids : ids();
        }

        /** {@link #distances()}, written over the similarities when full; the Top is not used after. */
        float[] takeDistances() {
            if (size < sims.length) {
                return distances();
            }
            for (int s = 0; s < size; s++) {
                sims[s] = Math.max(0f, 1f - sims[s]);
            }
            return sims;
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
