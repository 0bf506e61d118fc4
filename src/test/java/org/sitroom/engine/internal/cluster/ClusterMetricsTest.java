package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.sitroom.engine.internal.cluster.ClusterMetrics.NoisePolicy;

/** Expected values are scikit-learn 1.2.1's, computed once with its metrics module. */
class ClusterMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectAndPermutedLabelingsScoreOne() {
        int[] truth = {0, 0, 1, 1, 2, 2, 2};
        int[] renamed = {5, 5, 9, 9, 1, 1, 1};
        assertThat(ClusterMetrics.ari(truth, truth)).isEqualTo(1.0);
        assertThat(ClusterMetrics.ari(truth, renamed)).isCloseTo(1.0, offset(EPS));
        assertThat(ClusterMetrics.nmi(truth, renamed)).isCloseTo(1.0, offset(EPS));
        assertThat(ClusterMetrics.homogeneity(truth, renamed)).isCloseTo(1.0, offset(EPS));
        assertThat(ClusterMetrics.completeness(truth, renamed)).isCloseTo(1.0, offset(EPS));
    }

    @Test
    void sklearnDocumentationExamples() {
        assertThat(ClusterMetrics.ari(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}))
                .isCloseTo(0.571428571428571, offset(EPS));
        assertThat(ClusterMetrics.ari(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.571428571428571, offset(EPS));
        assertThat(ClusterMetrics.ari(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(-0.5, offset(EPS));
        assertThat(ClusterMetrics.ari(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isCloseTo(0.0, offset(EPS));

        assertThat(ClusterMetrics.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2})).isCloseTo(0.8, offset(EPS));
        assertThat(ClusterMetrics.nmi(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(0.0, offset(EPS));
        assertThat(ClusterMetrics.nmi(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isCloseTo(0.0, offset(EPS));
        assertThat(ClusterMetrics.nmi(new int[] {1, 1, 1}, new int[] {4, 4, 4})).isEqualTo(1.0);

        assertThat(ClusterMetrics.homogeneity(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2})).isCloseTo(1.0, offset(EPS));
        assertThat(ClusterMetrics.completeness(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}))
                .isCloseTo(0.666666666666667, offset(1e-12));
        assertThat(ClusterMetrics.homogeneity(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isEqualTo(1.0);
        assertThat(ClusterMetrics.completeness(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isCloseTo(0.0, offset(EPS));
        assertThat(ClusterMetrics.completeness(new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0})).isEqualTo(1.0);
    }

    @Test
    void handComputedAndSklearnValuesOnLargerLabelings() {
        // NMI of [0,0,1,1] vs [0,0,1,2] by hand: MI = H(U) = ln 2, H(V) = 1.5 ln 2, NMI = ln2 / (1.25 ln 2) = 0.8.
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] b = {0, 0, 1, 2, 2, 2};
        ClusterMetrics.Scores s = ClusterMetrics.score(a, b);
        assertThat(s.ari()).isCloseTo(0.444444444444444, offset(1e-12));
        assertThat(s.nmi()).isCloseTo(0.739667376800759, offset(1e-12));
        assertThat(s.homogeneity()).isCloseTo(0.710309917857152, offset(1e-12));
        assertThat(s.completeness()).isCloseTo(0.771556173679471, offset(1e-12));
        assertThat(s.vMeasure()).isCloseTo(s.nmi(), offset(1e-12));

        ClusterMetrics.Scores t = ClusterMetrics.score(new int[] {0, 1, 2, 0, 3, 4, 5, 1}, new int[] {1, 1, 0, 0, 2, 2, 2, 2});
        assertThat(t.ari()).isCloseTo(-0.129032258064516, offset(1e-12));
        assertThat(t.nmi()).isCloseTo(0.5, offset(1e-12));
        assertThat(t.homogeneity()).isCloseTo(0.4, offset(1e-12));
        assertThat(t.completeness()).isCloseTo(0.666666666666667, offset(1e-12));
    }

    @Test
    void randomLabelingsMatchSklearn() {
        // numpy RandomState(7): randint(0,5,200) and randint(0,7,200).
        int[] truth = digits(RANDOM_TRUTH);
        int[] pred = digits(RANDOM_PRED);
        assertThat(truth).hasSize(200);
        assertThat(pred).hasSize(200);
        ClusterMetrics.Scores s = ClusterMetrics.score(truth, pred);
        assertThat(s.ari()).isCloseTo(-0.003735677559869, offset(1e-12));
        assertThat(s.nmi()).isCloseTo(0.030153927493102, offset(1e-12));
        assertThat(s.homogeneity()).isCloseTo(0.033350199613500, offset(1e-12));
        assertThat(s.completeness()).isCloseTo(0.027516732896905, offset(1e-12));
    }

    @Test
    void noisePolicies() {
        int[] truth = {0, 0, 1, 1, -1, -1};
        int[] pred = {0, 0, 1, -1, -1, 2};
        // Singletons: same as relabelling every -1 to a fresh label (sklearn on [0,0,1,1,10,11] vs [0,0,1,20,21,2]).
        assertThat(ClusterMetrics.ari(truth, pred)).isCloseTo(0.6341463414634146, offset(1e-12));
        assertThat(ClusterMetrics.nmi(truth, pred)).isCloseTo(0.9200625111439561, offset(1e-12));
        // One cluster: -1 is just another label.
        assertThat(ClusterMetrics.ari(truth, pred, NoisePolicy.ONE_CLUSTER)).isCloseTo(0.2857142857142857, offset(1e-12));
        assertThat(ClusterMetrics.nmi(truth, pred, NoisePolicy.ONE_CLUSTER)).isCloseTo(0.7145514534074344, offset(1e-12));
        // Predicting everything as noise is worthless under singletons, not rewarded.
        int[] allNoise = {-1, -1, -1, -1, -1, -1};
        assertThat(ClusterMetrics.ari(new int[] {0, 0, 0, 1, 1, 1}, allNoise)).isCloseTo(0.0, offset(EPS));
    }

    @Test
    void countsAndShares() {
        int[] labels = {3, 3, -1, 0, 7, -1, 0, -1};
        assertThat(ClusterMetrics.clusterCount(labels)).isEqualTo(3);
        assertThat(ClusterMetrics.noiseShare(labels)).isCloseTo(3 / 8.0, offset(EPS));
        ClusterMetrics.Scores s = ClusterMetrics.score(labels, labels);
        assertThat(s.clusters()).isEqualTo(3);
        assertThat(s.noiseShare()).isCloseTo(0.375, offset(EPS));
        assertThat(s.ari()).isEqualTo(1.0);
        assertThatThrownBy(() -> ClusterMetrics.ari(new int[2], new int[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeInputsAreFast() {
        int n = 2_000_000;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 1000;
            b[i] = (i % 1000) / 2;
        }
        ClusterMetrics.Scores s = ClusterMetrics.score(a, b);
        assertThat(s.homogeneity()).isCloseTo(1.0 - Math.log(2) / Math.log(1000), offset(1e-9));
        assertThat(s.completeness()).isCloseTo(1.0, offset(1e-9));
    }

    private static int[] digits(String s) {
        return s.chars().map(c -> c - '0').toArray();
    }

    private static final String RANDOM_TRUTH = "41334101220404032344000302014133030100444213040431333133431311123223320431143444"
            + "330430223234404312441120424023241211410414341301340314442133240301043120202113100111320224234014143241024004102030132004";
    private static final String RANDOM_PRED = "54351562404220666531503120133465315664340122043104616052444431205216255565026646"
            + "652460533064505146662561613403564041523340535556365236110422331200504123402131556013332420264102062526431454561114042465";
}
