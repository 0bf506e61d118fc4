package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class HdbscanTest {

    @Test
    void recoversPlantedNarrativesOnTheExactGraph() {
        Synthetic.Data data = Planted.data();
        Hdbscan.Result r = new Hdbscan().cluster(Planted.graph());
        int[] truth = data.labels();

        double ari = ClusterMetrics.ari(truth, r.labels());
        double ariPlanted = ClusterMetrics.ari(only(truth, truth, true), only(r.labels(), truth, true));
        double nmi = ClusterMetrics.nmi(truth, r.labels());
        int outliers = 0;
        int outliersAsNoise = 0;
        int plantedAsNoise = 0;
        double gloshNoise = 0;
        double gloshPlanted = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                outliers++;
                outliersAsNoise += r.labels()[i] < 0 ? 1 : 0;
                gloshNoise += r.outlierScores()[i];
            } else {
                plantedAsNoise += r.labels()[i] < 0 ? 1 : 0;
                gloshPlanted += r.outlierScores()[i];
            }
        }
        int planted = truth.length - outliers;
        System.out.printf("planted 5k: clusters %d, ARI %.4f (planted only %.4f), NMI %.4f, outliers as noise %.3f,"
                        + " planted as noise %.3f, minClusterSize %d, minPts %d%n", r.clusterCount(), ari, ariPlanted,
                nmi, (double) outliersAsNoise / outliers, (double) plantedAsNoise / planted, r.minClusterSize(),
                r.minPts());

        assertThat(ari).isGreaterThanOrEqualTo(0.9);
        assertThat(ariPlanted).isGreaterThanOrEqualTo(0.9);
        assertThat(r.clusterCount()).isBetween(27, 33);
        assertThat((double) outliersAsNoise / outliers).as("outliers labelled noise").isGreaterThan(0.85);
        assertThat((double) plantedAsNoise / planted).as("planted posts lost to noise").isLessThan(0.05);
        assertThat(gloshNoise / outliers).isGreaterThan(gloshPlanted / planted + 0.2);
        assertThat(r.minClusterSize()).isEqualTo(18);
        assertThat(r.minPts()).isEqualTo(8);
        for (int i = 0; i < truth.length; i++) {
            assertThat(r.membership()[i]).isBetween(0f, 1f);
            assertThat(r.outlierScores()[i]).isBetween(0f, 1f);
            if (r.labels()[i] < 0) {
                assertThat(r.membership()[i]).isZero();
            }
        }
        assertThat(r.stability()).hasSize(r.clusterCount());
        assertThat(java.util.Arrays.stream(r.stability()).min().orElse(0)).isGreaterThan(0);
    }

    @Test
    void sameGraphGivesIdenticalCanonicallyNumberedLabels() {
        KnnGraph g = Planted.graph();
        Hdbscan.Result a = new Hdbscan().cluster(g);
        Hdbscan.Result b = new Hdbscan().cluster(g);
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.membership()).isEqualTo(a.membership());
        assertThat(b.outlierScores()).isEqualTo(a.outlierScores());
        assertCanonical(a.labels());
    }

    @Test
    void shuffledInputOrderGivesTheSamePartition() {
        KnnGraph g = Planted.graph();
        int n = g.size();
        int[] perm = permutation(n, 99);
        Hdbscan.Result original = new Hdbscan().cluster(g);
        Hdbscan.Result shuffled = new Hdbscan().cluster(permute(g, perm));
        int[] back = new int[n];
        for (int i = 0; i < n; i++) {
            back[i] = shuffled.labels()[perm[i]];
        }
        assertCanonical(shuffled.labels());
        assertThat(samePartition(original.labels(), back)).isTrue();
        // Canonical numbering of the mapped-back labels reproduces the original array exactly.
        assertThat(canonicalise(back)).isEqualTo(original.labels());
    }

    @Test
    void heavyPointsActAsMass() {
        // Three tight variants of one slogan, far from three ordinary narratives and some noise.
        SplittableRandom rnd = new SplittableRandom(5);
        int dim = 64;
        int per = 50;
        int noise = 30;
        int n = 3 * per + noise + 3;
        float[][] v = new float[n][];
        int i = 0;
        for (int c = 0; c < 3; c++) {
            float[] centre = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
            for (int s = 0; s < per; s++) {
                v[i++] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.8 / dim)), centre, 1);
            }
        }
        for (int s = 0; s < noise; s++) {
            v[i++] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        }
        float[] slogan = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        int first = i;
        for (int s = 0; s < 3; s++) {
            v[i++] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.05 / dim)), slogan, 1);
        }
        KnnGraph g = KnnGraph.bruteForce(v, 10);
        Hdbscan h = new Hdbscan(Hdbscan.Options.defaults().withMinClusterSize(10).withMinPts(5));

        Hdbscan.Result unweighted = h.cluster(g);
        assertThat(unweighted.labels()[first]).isEqualTo(-1);
        assertThat(unweighted.labels()[first + 1]).isEqualTo(-1);
        assertThat(unweighted.labels()[first + 2]).isEqualTo(-1);

        int[] weights = new int[n];
        Arrays.fill(weights, 1);
        weights[first] = 1000;
        weights[first + 1] = 1000;
        weights[first + 2] = 1000;
        Hdbscan.Result weighted = h.cluster(g, weights);
        int slogans = weighted.labels()[first];
        assertThat(slogans).isGreaterThanOrEqualTo(0);
        assertThat(weighted.labels()[first + 1]).isEqualTo(slogans);
        assertThat(weighted.labels()[first + 2]).isEqualTo(slogans);
        for (int p = 0; p < 3 * per; p++) {
            assertThat(weighted.labels()[p]).as("narrative post %d", p).isNotEqualTo(slogans);
        }
        assertThat(weighted.clusterCount()).isEqualTo(unweighted.clusterCount() + 1);
        assertThat(weighted.noiseShare(weights)).isLessThan(unweighted.noiseShare(null));
    }

    @Test
    void exactDuplicateVectorsDoNotSplitOffAsAnInfinitelyDenseCluster() {
        SplittableRandom rnd = new SplittableRandom(13);
        int dim = 32;
        float[] centre = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        float[] other = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        float[][] v = new float[150][];
        for (int i = 0; i < 60; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.5 / dim)), centre, 1);
            v[60 + i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.5 / dim)), other, 1);
        }
        // Two groups of 15 copies of two posts of the first narrative (distance 0: lambda would be infinite, and
        // without atoms the narrative splits into two "infinitely stable" duplicate clusters).
        for (int i = 120; i < 135; i++) {
            v[i] = v[0].clone();
            v[i + 15] = v[30].clone();
        }
        Hdbscan.Result r = new Hdbscan(Hdbscan.Options.defaults().withMinClusterSize(10).withMinPts(5))
                .cluster(KnnGraph.bruteForce(v, 15));
        assertThat(r.clusterCount()).isEqualTo(2);
        assertThat(Arrays.copyOfRange(r.labels(), 120, 150)).containsOnly(r.labels()[0]);
        assertThat(r.labels()[30]).isEqualTo(r.labels()[0]);
        assertThat(majority(r.labels(), 0, 60)).isEqualTo(r.labels()[0]);
        assertThat(majority(r.labels(), 60, 120)).isNotEqualTo(r.labels()[0]).isGreaterThanOrEqualTo(0);
        assertThat(r.stability()[0]).isFinite();
        for (float m : r.membership()) {
            assertThat(Float.isFinite(m)).isTrue();
        }
    }

    @Test
    void weightsCountTowardTheCoreDistance() {
        // Symmetric distances: d01 .1, d02 .2, d03 .3, d12 .15, d13 .25, d23 .35.
        KnnGraph g = new KnnGraph(new int[][] {{1, 2, 3}, {0, 2, 3}, {1, 0, 3}, {1, 0, 2}},
                new float[][] {{0.1f, 0.2f, 0.3f}, {0.1f, 0.15f, 0.25f}, {0.15f, 0.2f, 0.35f}, {0.25f, 0.3f, 0.35f}});
        // minPts 3 counts the point itself: unweighted, the 2nd neighbour.
        assertThat(Hdbscan.coreDistances(g, null, 3)).containsExactly(0.2f, 0.15f, 0.2f, 0.3f);
        // Point 0 weighs 3 (dense by itself); point 1's first neighbour (0) already brings it to 1 + 3 >= 3.
        assertThat(Hdbscan.coreDistances(g, new int[] {3, 1, 1, 1}, 3)).containsExactly(0f, 0.1f, 0.2f, 0.3f);
        assertThat(Hdbscan.coreDistances(g, new int[] {1, 1, 1, 5}, 3)).containsExactly(0.2f, 0.15f, 0.2f, 0f);
        // Row too short for minPts: the last neighbour's distance.
        assertThat(Hdbscan.coreDistances(g, null, 10)).containsExactly(0.3f, 0.25f, 0.35f, 0.35f);
    }

    @Test
    void disconnectedComponentsFormOneTreeAndAreClusteredSeparately() {
        SplittableRandom rnd = new SplittableRandom(8);
        int dim = 32;
        float[] east = new float[dim];
        east[0] = 1;
        float[] west = new float[dim];
        west[0] = -1;
        float[] north = new float[dim];
        north[1] = 1;
        float[][] eastBlob = new float[100][];
        float[][] westBlob = new float[100][];
        for (int i = 0; i < 100; i++) {
            eastBlob[i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.3 / dim)), east, 1);
            westBlob[i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.3 / dim)), west, 1);
        }
        float[][] trio = new float[3][];
        for (int i = 0; i < 3; i++) {
            trio[i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.01 / dim)), north, 1);
        }
        // Three graphs built apart, so no edge joins them: what an index partitioned by time or source can give.
        KnnGraph g = concat(KnnGraph.bruteForce(eastBlob, 10), KnnGraph.bruteForce(westBlob, 10),
                KnnGraph.bruteForce(trio, 10));
        Hdbscan.Result r = new Hdbscan(Hdbscan.Options.defaults().withMinClusterSize(10)).cluster(g);
        assertThat(r.components()).isEqualTo(3);
        assertThat(r.clusterCount()).isEqualTo(2);
        assertThat(majority(r.labels(), 0, 100)).isEqualTo(0);
        assertThat(majority(r.labels(), 100, 200)).isEqualTo(1);
        assertThat(r.noiseShare(null)).isLessThan(0.2);
        // The three-point component is lighter than minClusterSize: noise.
        assertThat(Arrays.copyOfRange(r.labels(), 200, 203)).containsOnly(-1);
        for (int i = 0; i < g.size(); i++) {
            assertThat(Float.isFinite(r.membership()[i])).isTrue();
            assertThat(r.outlierScores()[i]).isBetween(0f, 1f);
        }
        // With weight the trio becomes a third cluster although no edge reaches it.
        int[] w = new int[g.size()];
        Arrays.fill(w, 1);
        Arrays.fill(w, 200, 203, 20);
        Hdbscan.Result weighted = new Hdbscan(Hdbscan.Options.defaults().withMinClusterSize(10)).cluster(g, w);
        assertThat(weighted.clusterCount()).isEqualTo(3);
        assertThat(Arrays.copyOfRange(weighted.labels(), 200, 203)).containsOnly(2);
    }

    static KnnGraph concat(KnnGraph... parts) {
        int n = Arrays.stream(parts).mapToInt(KnnGraph::size).sum();
        int[][] nb = new int[n][];
        float[][] d = new float[n][];
        int offset = 0;
        for (KnnGraph p : parts) {
            for (int i = 0; i < p.size(); i++) {
                int off = offset;
                nb[offset + i] = Arrays.stream(p.neighbours()[i]).map(j -> j + off).toArray();
                d[offset + i] = p.distances()[i];
            }
            offset += p.size();
        }
        return new KnnGraph(nb, d);
    }

    @Test
    void leafSelectionSplitsAtLeastAsFineAsExcessOfMass() {
        KnnGraph g = Planted.graph();
        Hdbscan.Result eom = new Hdbscan().cluster(g);
        Hdbscan.Result leaf = new Hdbscan(Hdbscan.Options.defaults().withSelection(Hdbscan.Selection.LEAF))
                .cluster(g);
        assertThat(leaf.clusterCount()).isGreaterThanOrEqualTo(eom.clusterCount());
        assertThat(ClusterMetrics.homogeneity(Planted.data().labels(), leaf.labels()))
                .isGreaterThanOrEqualTo(ClusterMetrics.homogeneity(Planted.data().labels(), eom.labels()) - 1e-9);
    }

    @Test
    void singleBlobNeedsAllowSingleCluster() {
        SplittableRandom rnd = new SplittableRandom(2);
        int dim = 16;
        float[] centre = Synthetic.normalise(Synthetic.gaussian(rnd, dim, 1), null, 0);
        float[][] v = new float[300][];
        for (int i = 0; i < v.length; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, dim, Math.sqrt(0.2 / dim)), centre, 1);
        }
        KnnGraph g = KnnGraph.bruteForce(v, 15);
        Hdbscan.Options o = Hdbscan.Options.defaults().withMinClusterSize(60);
        Hdbscan.Result single = new Hdbscan(o.withAllowSingleCluster(true)).cluster(g);
        assertThat(single.clusterCount()).isEqualTo(1);
        Hdbscan.Result strict = new Hdbscan(o).cluster(g);
        assertThat(strict.clusterCount()).isNotEqualTo(1);
    }

    @Test
    void edgeCases() {
        Hdbscan h = new Hdbscan();
        assertThat(h.cluster(new KnnGraph(new int[0][], new float[0][])).labels()).isEmpty();
        assertThat(h.cluster(new KnnGraph(new int[][] {{}}, new float[][] {{}})).labels()).containsExactly(-1);
        // All points identical: nothing to separate, all noise, no NaN.
        float[][] same = new float[20][];
        for (int i = 0; i < same.length; i++) {
            same[i] = new float[] {0, 1, 0};
        }
        Hdbscan.Result r = h.cluster(KnnGraph.bruteForce(same, 5));
        assertThat(r.clusterCount()).isZero();
        for (float s : r.outlierScores()) {
            assertThat(Float.isNaN(s)).isFalse();
        }
        // Empty rows: such points join only through the bridge and stay noise.
        KnnGraph sparse = new KnnGraph(new int[][] {{}, {2}, {1}}, new float[][] {{}, {0.1f}, {0.1f}});
        assertThat(h.cluster(sparse).labels()).containsExactly(-1, -1, -1);
        assertThatThrownBy(() -> h.cluster(sparse, new int[] {1, 0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.cluster(sparse, new int[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsScaleWithTotalWeight() {
        assertThat(Hdbscan.defaultMinClusterSize(0, 0.25)).isEqualTo(5);
        assertThat(Hdbscan.defaultMinClusterSize(600, 0.25)).isEqualTo(6);
        assertThat(Hdbscan.defaultMinClusterSize(5_000, 0.25)).isEqualTo(18);
        assertThat(Hdbscan.defaultMinClusterSize(100_000, 0.25)).isEqualTo(79);
        assertThat(Hdbscan.defaultMinClusterSize(1_000_000, 0.25)).isEqualTo(250);
        assertThat(Hdbscan.defaultMinPts(250, 15)).isEqualTo(8);
        assertThat(Hdbscan.defaultMinPts(250, 4)).isEqualTo(5);
        assertThat(Hdbscan.defaultMinPts(6, 15)).isEqualTo(6);
    }

    @Test
    void scalesTo200kPointsInSeconds() {
        int n = 200_000;
        int[] truth = new int[n];
        KnnGraph g = Synthetic.plantedGraph(n, 10, 200, 3, truth);
        long start = System.nanoTime();
        Hdbscan.Result r = new Hdbscan().cluster(g);
        double seconds = (System.nanoTime() - start) / 1e9;
        double ari = ClusterMetrics.ari(truth, r.labels());
        System.out.printf("scale 200k x 10: %.2f s, %d clusters, ARI %.4f, noise %.3f%n", seconds, r.clusterCount(),
                ari, r.noiseShare(null));
        // Generous bound: other builds share this 2-core machine; quiet, this takes well under two seconds.
        assertThat(seconds).isLessThan(15);
        assertThat(ari).isGreaterThan(0.9);
    }

    @Test
    @Tag("slow")
    @EnabledIfSystemProperty(named = "sitroom.slow", matches = "true")
    void scalesToAMillionPoints() {
        int n = 1_000_000;
        int[] truth = new int[n];
        KnnGraph g = Synthetic.plantedGraph(n, 15, 1000, 4, truth);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        Hdbscan.Result r = new Hdbscan().cluster(g);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("scale 1M x 15: %.2f s, %d clusters, ARI %.4f, heap after-before %d MB, max heap %d MB%n",
                seconds, r.clusterCount(), ClusterMetrics.ari(truth, r.labels()), (after - before) >> 20,
                rt.maxMemory() >> 20);
        assertThat(seconds).isLessThan(30);
    }

    @Test
    void radixSortOrdersKeysStablyAndCarriesValues() {
        SplittableRandom rnd = new SplittableRandom(6);
        int n = 100_000;
        long[] keys = new long[n];
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            // Few distinct high words (ties), random low words, all non-negative like packed float bits.
            keys[i] = ((long) rnd.nextInt(50) << 40) | (rnd.nextInt(3) == 0 ? 7 : rnd.nextInt(1 << 30));
            values[i] = ((long) i << 32) | (keys[i] & 0xffff);
        }
        long[] expected = keys.clone();
        Arrays.sort(expected);
        Hdbscan.radixSort(keys, values);
        assertThat(keys).isEqualTo(expected);
        for (int i = 0; i < n; i++) {
            assertThat(values[i] & 0xffff).isEqualTo(keys[i] & 0xffff);
            if (i > 0 && keys[i] == keys[i - 1]) {
                assertThat(values[i] >>> 32).as("stable at %d", i).isGreaterThan(values[i - 1] >>> 32);
            }
        }
    }

    // --- helpers ---

    static int[] only(int[] labels, int[] truth, boolean planted) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> (truth[i] >= 0) == planted)
                .map(i -> labels[i]).toArray();
    }

    static void assertCanonical(int[] labels) {
        int next = 0;
        for (int l : labels) {
            if (l >= 0) {
                assertThat(l).isLessThanOrEqualTo(next);
                if (l == next) {
                    next++;
                }
            }
        }
    }

    static int[] canonicalise(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0) {
                out[i] = -1;
            } else {
                if (map[l] < 0) {
                    map[l] = next++;
                }
                out[i] = map[l];
            }
        }
        return out;
    }

    static boolean samePartition(int[] a, int[] b) {
        return Arrays.equals(canonicalise(a), canonicalise(b));
    }

    static int majority(int[] labels, int from, int to) {
        int[] sorted = Arrays.copyOfRange(labels, from, to);
        Arrays.sort(sorted);
        int best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }

    static int[] permutation(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The same graph with point i renamed perm[i]. */
    static KnnGraph permute(KnnGraph g, int[] perm) {
        int n = g.size();
        int[][] nb = new int[n][];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            int[] row = g.neighbours()[i].clone();
            for (int s = 0; s < row.length; s++) {
                row[s] = perm[row[s]];
            }
            nb[perm[i]] = row;
            d[perm[i]] = g.distances()[i].clone();
        }
        return new KnnGraph(nb, d);
    }
}
