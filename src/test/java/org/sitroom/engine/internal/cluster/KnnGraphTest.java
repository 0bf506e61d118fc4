package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnnGraphTest {

    @Test
    void bruteForceMatchesANaiveSortOfAllDistances() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 300;
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 24, 1), null, 0);
        }
        int k = 7;
        KnnGraph g = KnnGraph.bruteForce(v, k);
        for (int i = 0; i < n; i++) {
            int self = i;
            int[] expected = IntStream.range(0, n).filter(j -> j != self).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> Math.max(0f, 1f - KnnGraph.dot(v[self], v[j])))
                            .thenComparingInt(j -> j))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(g.neighbours()[i]).as("row %d", i).containsExactly(expected);
            assertThat(g.distances()[i][0]).isCloseTo(1f - KnnGraph.dot(v[i], v[expected[0]]),
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(g.edgeCount()).isEqualTo((long) n * k);
        assertThat(g.maxDegree()).isEqualTo(k);
    }

    @Test
    void duplicatesAreNeighboursAtDistanceZeroAndSelfIsExcluded() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        KnnGraph g = KnnGraph.bruteForce(new float[][] {a, a.clone(), b}, 5);
        assertThat(g.neighbours()[0]).containsExactly(1, 2);
        assertThat(g.distances()[0]).containsExactly(0f, 1f);
        assertThat(g.neighbours()[2]).containsExactly(0, 1);
    }

    @Test
    void rejectsMalformedRows() {
        assertThatThrownBy(() -> new KnnGraph(new int[][] {{0}}, new float[][] {{0.1f}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KnnGraph(new int[][] {{1, 2}, {}, {}}, new float[][] {{0.5f, 0.1f}, {}, {}}))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new KnnGraph(new int[][] {{3}, {}}, new float[][] {{0.1f}, {}}))
                .hasMessageContaining("bad neighbour");
        assertThatThrownBy(() -> new KnnGraph(new int[][] {{1}, {}}, new float[][] {{Float.NaN}, {}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncateKeepsTheNearest() {
        KnnGraph g = new KnnGraph(new int[][] {{1, 2}, {0}, {0, 1}}, new float[][] {{0.1f, 0.2f}, {0.1f}, {0.2f, 0.3f}});
        KnnGraph t = g.truncate(1);
        assertThat(t.neighbours()[0]).containsExactly(1);
        assertThat(t.distances()[2]).containsExactly(0.2f);
        assertThat(Arrays.stream(t.neighbours()).mapToInt(r -> r.length).sum()).isEqualTo(3);
    }
}
