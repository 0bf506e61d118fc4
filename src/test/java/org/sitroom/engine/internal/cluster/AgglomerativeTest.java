package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgglomerativeTest {

    @Test
    void averageLinkageMatchesAHandComputedExample() {
        // Unit vectors at angles 0, 10, 90, 100 degrees (and one at 180): two tight pairs and a loner.
        float[][] v = {unit(0), unit(10), unit(90), unit(100), unit(180)};
        Agglomerative.Dendrogram d = Agglomerative.dendrogram(v, null);
        double c10 = 1 - Math.cos(Math.toRadians(10));
        assertThat(d.distance()[0]).isCloseTo(c10, offset(1e-6));
        assertThat(d.distance()[1]).isCloseTo(c10, offset(1e-6));
        // Pairs {0,10} and {90,100}: mean of 1-cos over 90, 100, 80, 90 degrees.
        double pairs = (4 - Math.cos(Math.toRadians(90)) * 2 - Math.cos(Math.toRadians(100))
                - Math.cos(Math.toRadians(80))) / 4;
        // The loner at 180 to {90,100}: mean of 1-cos(90), 1-cos(80).
        double lonerToSecond = (2 - Math.cos(Math.toRadians(90)) - Math.cos(Math.toRadians(80))) / 2;
        assertThat(d.distance()[2]).isCloseTo(Math.min(pairs, lonerToSecond), offset(1e-6));
        assertThat(d.size()[3]).isEqualTo(5);
        assertThat(d.distance()).isSorted();

        assertThat(Agglomerative.byCount(v, 3)).containsExactly(0, 0, 1, 1, 2);
        assertThat(Agglomerative.byCount(v, 1)).containsOnly(0);
        assertThat(Agglomerative.byCount(v, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Agglomerative.byThreshold(v, 0.1)).containsExactly(0, 0, 1, 1, 2);
        assertThat(Agglomerative.byThreshold(v, 0.0)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void groupsNarrativeCentroidsIntoTheirThemes() {
        // 24 narrative centroids from 4 themes (sibling cosine about 0.5, themes unrelated), unnormalised.
        SplittableRandom rnd = new SplittableRandom(3);
        int dim = 128;
        float[][] themes = new float[4][];
        for (int t = 0; t < 4; t++) {
            themes[t] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        }
        float[][] centroids = new float[24][];
        int[] theme = new int[24];
        for (int i = 0; i < 24; i++) {
            theme[i] = (i * 7) % 4;
            float[] c = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(1.0 / dim)), themes[theme[i]], 1);
            for (int k = 0; k < dim; k++) {
                c[k] *= 0.6f;
            }
            centroids[i] = c;
        }
        int[] labels = Agglomerative.byCount(centroids, 4);
        assertThat(ClusterMetrics.ari(theme, labels)).isEqualTo(1.0);
        HdbscanTest.assertCanonical(labels);
        int[] weighted = Agglomerative.dendrogram(centroids, java.util.stream.DoubleStream.generate(() -> 3.0).limit(24).toArray()).cutToGroups(4);
        assertThat(weighted).isEqualTo(labels);
    }

    @Test
    void largerInputsStayFast() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[][] v = new float[1500][];
        for (int i = 0; i < v.length; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 32, 1), null, 0);
        }
        long start = System.nanoTime();
        Agglomerative.Dendrogram d = Agglomerative.dendrogram(v, null);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        assertThat(d.distance()).hasSize(1499).isSorted();
        assertThat(d.cutToGroups(7)).containsOnly(0, 1, 2, 3, 4, 5, 6);
    }

    private static float[] unit(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r), 0};
    }
}
