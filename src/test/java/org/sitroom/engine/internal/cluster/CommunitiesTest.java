package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CommunitiesTest {

    private static final int DIM = 384;

    /** Points around random centres, {@code sizes[c]} of them for narrative c, pairwise cosine about 0.5-0.6. */
    private static Synthetic.Data blobs(long seed, int... sizes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = IntStream.of(sizes).sum();
        float[][] vectors = new float[n][];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < sizes.length; c++) {
            float[] centre = Synthetic.normalise(Synthetic.gaussian(rnd, DIM, 1.0), null, 0);
            double sigma = Math.sqrt((0.6 + 0.4 * rnd.nextDouble()) / DIM);
            for (int s = 0; s < sizes[c]; s++, i++) {
                vectors[i] = Synthetic.normalise(Synthetic.gaussian(rnd, DIM, sigma), centre, 1.0);
                labels[i] = c;
            }
        }
        return new Synthetic.Data(vectors, labels);
    }

    private static int[] ones(int n) {
        int[] w = new int[n];
        Arrays.fill(w, 1);
        return w;
    }

    private static long distinct(int[] labels) {
        return Arrays.stream(labels).filter(l -> l >= 0).distinct().count();
    }

    @Test
    void aNarrativeHoldingMostOfTheSituationStaysWholeThoughModularityAloneCutsIt() {
        Synthetic.Data data = blobs(7, 1800, 200);
        KnnGraph graph = KnnGraph.bruteForce(data.vectors(), 15);
        int[] hdbscan = data.labels();

        int[] modularityOnly = Communities.leiden(graph, hdbscan, 1.0);
        assertThat(distinct(modularityOnly)).as("modularity cuts the dominant narrative").isGreaterThan(2);

        int[] refined = Communities.refine(graph, data.vectors(), ones(2000), hdbscan, 1.0, 2.0, 0.9);
        assertThat(ClusterMetrics.ari(data.labels(), refined)).isEqualTo(1.0);
    }

    @Test
    void distinctNarrativesThatDensityPutInOneClusterAreSplit() {
        // Six sibling narratives of one theme (centre cosine about 0.5), all in one HDBSCAN* cluster.
        Synthetic.Data data = Synthetic.narratives(1200, 6, 1, 0.0, 0, DIM, 3);
        KnnGraph graph = KnnGraph.bruteForce(data.vectors(), 15);
        int[] oneCluster = new int[1200];

        int[] refined = Communities.refine(graph, data.vectors(), ones(1200), oneCluster, 1.0, 2.0, 0.9);

        assertThat(distinct(refined)).isBetween(5L, 8L);
        assertThat(ClusterMetrics.ari(data.labels(), refined)).isGreaterThan(0.9);
    }

    @Test
    void separationIsAboutOneForRandomPiecesAndLowForDistinctNarratives() {
        Synthetic.Data one = blobs(11, 600);
        int[] all = IntStream.range(0, 600).toArray();
        int[] randomPieces = IntStream.range(0, 600).map(i -> i % 4).toArray();
        assertThat(Communities.separation(one.vectors(), ones(600), all, randomPieces)).isBetween(0.95, 1.05);

        Synthetic.Data four = Synthetic.narratives(600, 4, 1, 0.0, 0, DIM, 5);
        assertThat(Communities.separation(four.vectors(), ones(600), all, four.labels())).isLessThan(0.8);

        assertThat(Communities.separation(one.vectors(), ones(600), all, new int[600])).isEqualTo(1.0);
    }

    @Test
    void aPointUnlikeItsCommunityIsLeftUnassignedAndSmallCommunitiesDissolve() {
        Synthetic.Data data = blobs(13, 50, 50);
        float[][] vectors = Arrays.copyOf(data.vectors(), 101);
        vectors[100] = Synthetic.normalise(Synthetic.gaussian(new SplittableRandom(1), DIM, 1.0), null, 0);
        int[] labels = Arrays.copyOf(data.labels(), 101);
        labels[100] = 1;

        int[] kept = Communities.expelDissimilar(vectors, ones(101), labels, 0.3);
        assertThat(kept[100]).isEqualTo(-1);
        assertThat(Arrays.copyOf(kept, 100)).containsExactly(data.labels());

        int[] small = Communities.dropSmall(new int[] {0, 1, 1, 2}, new int[] {10, 2, 2, 3}, 4);
        assertThat(small).containsExactly(0, 1, 1, -1);
    }

    @Test
    void theSameInputGivesTheSameCommunities() {
        Synthetic.Data data = Synthetic.narratives(1500, 10, 2, 0.1, 0, DIM, 9);
        KnnGraph graph = KnnGraph.bruteForce(data.vectors(), 15);
        int[] labels = Arrays.stream(data.labels()).map(l -> l < 0 ? -1 : l / 5).toArray();
        int[] a = Communities.refine(graph, data.vectors(), ones(1500), labels, 1.0, 2.0, 0.9);
        int[] b = Communities.refine(graph, data.vectors(), ones(1500), labels, 1.0, 2.0, 0.9);
        assertThat(a).containsExactly(b);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                assertThat(a[i]).isEqualTo(-1);
            }
        }
    }

    @Test
    void aResolutionMustBePositive() {
        KnnGraph graph = KnnGraph.bruteForce(blobs(1, 10).vectors(), 3);
        assertThatThrownBy(() -> Communities.leiden(graph, new int[10], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
