package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KMeansTest {

    @Test
    void baselineWithTheTrueNumberOfGroupsOnPlantedNarratives() {
        Synthetic.Data data = Planted.data();
        long start = System.nanoTime();
        KMeans.Result r = KMeans.fit(data.vectors(), KMeans.Options.of(30).withSeed(7));
        double seconds = (System.nanoTime() - start) / 1e9;
        double ari = ClusterMetrics.ari(data.labels(), r.labels());
        double ariPlanted = ClusterMetrics.ari(HdbscanTest.only(data.labels(), data.labels(), true),
                HdbscanTest.only(r.labels(), data.labels(), true));
        System.out.printf("k-means baseline (k=30) on planted 5k: ARI %.4f (planted only %.4f), %d iterations, %.2f s%n",
                ari, ariPlanted, r.iterations(), seconds);
        // A baseline, not a contender: no noise label (every outlier lands somewhere), and with skewed sizes
        // k-means++ spends centres on big narratives and merges small siblings.
        assertThat(ariPlanted).isGreaterThan(0.6);
        assertThat(ari).isLessThan(ClusterMetrics.ari(data.labels(), new Hdbscan().cluster(Planted.graph()).labels()));
        assertThat(r.centroids().length).isEqualTo(30);
        for (float[] c : r.centroids()) {
            assertThat(KnnGraph.dot(c, c)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
        HdbscanTest.assertCanonical(r.labels());
    }

    @Test
    void seededRunsAreIdenticalAndSeedsMatter() {
        Synthetic.Data data = Synthetic.narratives(1500, 10, 5, 0.05, 0, 48, 9);
        KMeans.Result a = KMeans.fit(data.vectors(), KMeans.Options.of(10).withSeed(1));
        KMeans.Result b = KMeans.fit(data.vectors(), KMeans.Options.of(10).withSeed(1));
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.objective()).isEqualTo(a.objective());
        KMeans.Result best = KMeans.fit(data.vectors(), KMeans.Options.of(10).withSeed(1).withRestarts(5));
        assertThat(best.objective()).isLessThanOrEqualTo(a.objective());
    }

    @Test
    void euclideanOnSeparatedBlobs() {
        float[][] x = {{0, 0}, {0.1f, 0}, {0, 0.1f}, {10, 10}, {10.1f, 10}, {10, 10.1f}, {-10, 5}, {-10.1f, 5}};
        KMeans.Result r = KMeans.fit(x, KMeans.Options.of(3).withMetric(KMeans.Metric.EUCLIDEAN).withRestarts(3));
        assertThat(r.labels()).containsExactly(0, 0, 0, 1, 1, 1, 2, 2);
        assertThat(r.centroids()[1][0]).isCloseTo(10.0333f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(KMeans.fit(x, KMeans.Options.of(20)).centroids().length).isLessThanOrEqualTo(8);
    }
}
