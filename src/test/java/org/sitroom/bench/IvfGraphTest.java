package org.sitroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.internal.cluster.KnnGraph;

/** The cluster bench's IVF stand-in: its cell-by-cell scans give what a scan per row or per query gives. */
class IvfGraphTest {

    /** Few cells, so that a cell holds several of IvfGraph's blocks of 128 members. */
    private static final int CELLS = 8;
    private static final int PROBES = 2;

    @Test
    void graphRowsAreTheTopOfEachRowsOwnProbedCells() {
        float[][] vectors = clusteredVectors(3_000, 24, 1L);
        IvfGraph ivf = IvfGraph.build(vectors, CELLS, PROBES, 3L);
        KnnGraph graph = ivf.graph(10);
        for (int i = 0; i < vectors.length; i += 97) {
            // A row's own probed cells are those a search with the build's probe count visits for its vector.
            IvfGraph.Top expected = ivf.search(vectors[i], 11, PROBES);
            int[] ids = expected.ids();
            float[] sims = expected.similarities();
            int[] withoutSelf = new int[10];
            float[] distances = new float[10];
            int f = 0;
            for (int s = 0; s < ids.length && f < 10; s++) {
                if (ids[s] != i) {
                    withoutSelf[f] = ids[s];
                    distances[f++] = Math.max(0f, 1f - sims[s]);
                }
            }
            assertThat(graph.neighbours()[i]).as("row %d", i).containsExactly(withoutSelf);
            assertThat(graph.distances()[i]).as("row %d", i).containsExactly(distances);
        }
    }

    @Test
    void searchAllAnswersAsOneSearchPerQuery() {
        float[][] vectors = clusteredVectors(3_000, 24, 5L);
        IvfGraph ivf = IvfGraph.build(vectors, CELLS, PROBES, 3L);
        float[][] queries = clusteredVectors(150, 24, 9L);
        IvfGraph.Top[] all = ivf.searchAll(queries, 7, 4);
        assertThat(all).hasSize(queries.length);
        for (int q = 0; q < queries.length; q++) {
            IvfGraph.Top one = ivf.search(queries[q], 7, 4);
            assertThat(all[q].ids()).as("query %d", q).containsExactly(one.ids());
            assertThat(all[q].similarities()).as("query %d", q).containsExactly(one.similarities());
        }
    }

    @Test
    void theGraphFindsMostTrueNeighboursOfWellSeparatedClusters() {
        float[][] vectors = clusteredVectors(3_000, 24, 11L);
        IvfGraph ivf = IvfGraph.build(vectors, CELLS, PROBES, 3L);
        assertThat(IvfGraph.recall(vectors, ivf.graph(10), 10, 50, 7L)).isGreaterThan(0.8);
    }

    /** Unit vectors around 8 random centres, seeded. */
    private static float[][] clusteredVectors(int n, int dims, long seed) {
        SplittableRandom centresRnd = new SplittableRandom(42L);
        float[][] centres = new float[8][dims];
        for (float[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = (float) centresRnd.nextGaussian();
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] out = new float[n][dims];
        for (int i = 0; i < n; i++) {
            float[] c = centres[i % centres.length];
            for (int d = 0; d < dims; d++) {
                out[i][d] = c[d] + 0.4f * (float) rnd.nextGaussian();
            }
            VectorUtil.l2normalize(out[i]);
        }
        return out;
    }
}
