package org.sitroom.engine.internal.cluster;

import java.util.Arrays;

/**
 * External clustering scores with scikit-learn's semantics: adjusted Rand index ({@code adjusted_rand_score}),
 * normalised mutual information with the arithmetic-mean normaliser ({@code normalized_mutual_info_score}'s
 * default, equal to the V-measure), homogeneity and completeness ({@code homogeneity_score},
 * {@code completeness_score}), including sklearn's special cases (e.g. both labelings a single cluster = 1.0).
 * Natural logarithms, like sklearn; NMI and the V-measure do not depend on the base.
 *
 * <p><b>Noise.</b> Label -1 means noise, in the truth (planted noise) as well as in the prediction. The
 * {@link NoisePolicy} applies to both arrays: {@link NoisePolicy#SINGLETONS} (default, common in the HDBSCAN
 * literature) gives every noise point a cluster of its own, so declaring a true group noise is penalised like
 * shattering it; {@link NoisePolicy#ONE_CLUSTER} treats all noise as one more cluster. Other negative labels are
 * treated like -1.
 *
 * <p>The contingency table is built by sorting packed {@code long} pairs, O(n log n), no boxed maps, so the scores
 * are fine at millions of points. All methods are static and side-effect free.
 */
public final class ClusterMetrics {

    /** How label -1 (noise) is counted. */
    public enum NoisePolicy {
        /** Each noise point is its own singleton cluster. */
        SINGLETONS,
        /** All noise points form one cluster. */
        ONE_CLUSTER
    }

    /**
     * All scores at once (one contingency table).
     *
     * @param ari          adjusted Rand index, in [-0.5, 1]
     * @param nmi          normalised mutual information (arithmetic mean), in [0, 1]
     * @param homogeneity  each predicted cluster holds one class, in [0, 1]
     * @param completeness each class sits in one predicted cluster, in [0, 1]
     * @param vMeasure     harmonic mean of homogeneity and completeness
     * @param clusters     clusters in the prediction, noise excluded
     * @param noiseShare   share of predicted points labelled noise
     */
    public record Scores(double ari, double nmi, double homogeneity, double completeness, double vMeasure,
                         int clusters, double noiseShare) {
    }

    private ClusterMetrics() {
    }

    /** ARI with noise as singletons. */
    public static double ari(int[] truth, int[] predicted) {
        return ari(truth, predicted, NoisePolicy.SINGLETONS);
    }

    public static double ari(int[] truth, int[] predicted, NoisePolicy noise) {
        return table(truth, predicted, noise).ari();
    }

    /** NMI (arithmetic mean normaliser) with noise as singletons. */
    public static double nmi(int[] truth, int[] predicted) {
        return nmi(truth, predicted, NoisePolicy.SINGLETONS);
    }

    public static double nmi(int[] truth, int[] predicted, NoisePolicy noise) {
        return table(truth, predicted, noise).nmi();
    }

    public static double homogeneity(int[] truth, int[] predicted) {
        return homogeneity(truth, predicted, NoisePolicy.SINGLETONS);
    }

    public static double homogeneity(int[] truth, int[] predicted, NoisePolicy noise) {
        Table t = table(truth, predicted, noise);
        return t.hTrue == 0 ? 1.0 : t.mi / t.hTrue;
    }

    public static double completeness(int[] truth, int[] predicted) {
        return completeness(truth, predicted, NoisePolicy.SINGLETONS);
    }

    public static double completeness(int[] truth, int[] predicted, NoisePolicy noise) {
        Table t = table(truth, predicted, noise);
        return t.hPred == 0 ? 1.0 : t.mi / t.hPred;
    }

    /** Every score, noise as singletons. */
    public static Scores score(int[] truth, int[] predicted) {
        return score(truth, predicted, NoisePolicy.SINGLETONS);
    }

    public static Scores score(int[] truth, int[] predicted, NoisePolicy noise) {
        Table t = table(truth, predicted, noise);
        double h = t.hTrue == 0 ? 1.0 : t.mi / t.hTrue;
        double c = t.hPred == 0 ? 1.0 : t.mi / t.hPred;
        double v = h + c == 0 ? 0 : 2 * h * c / (h + c);
        return new Scores(t.ari(), t.nmi(), h, c, v, clusterCount(predicted), noiseShare(predicted));
    }

    /** Distinct labels >= 0. */
    public static int clusterCount(int[] labels) {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] >= 0 && (i == 0 || sorted[i] != sorted[i - 1])) {
                count++;
            }
        }
        return count;
    }

    /** Share of labels below 0; 0 for an empty array. */
    public static double noiseShare(int[] labels) {
        if (labels.length == 0) {
            return 0;
        }
        int noise = 0;
        for (int l : labels) {
            if (l < 0) {
                noise++;
            }
        }
        return (double) noise / labels.length;
    }

    /** Contingency-derived quantities. */
    private record Table(long n, int classes, int clusters, double sumCells, double sumRows, double sumCols,
                         double mi, double hTrue, double hPred) {

        double ari() {
            // sklearn's pair-confusion form; the special case (no disagreeing pairs) is a perfect match.
            double pairs = (double) n * (n - 1) / 2.0;
            double tp = sumCells;
            double fp = sumCols - sumCells;
            double fn = sumRows - sumCells;
            double tn = pairs - tp - fp - fn;
            if (fn == 0 && fp == 0) {
                return 1.0;
            }
            return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
        }

        double nmi() {
            if ((classes == 1 && clusters == 1) || (classes == 0 && clusters == 0)) {
                return 1.0;
            }
            if (mi == 0) {
                return 0.0;
            }
            double norm = (hTrue + hPred) / 2.0;
            return mi / Math.max(norm, Math.ulp(1.0));
        }
    }

    private static Table table(int[] truth, int[] predicted, NoisePolicy noise) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("label arrays differ in length: " + truth.length + " vs "
                    + predicted.length);
        }
        int n = truth.length;
        int[] a = dense(truth, noise);
        int[] b = dense(predicted, noise);
        int classes = max(a) + 1;
        int clusters = max(b) + 1;
        long[] rowCount = new long[classes];
        long[] colCount = new long[clusters];
        long[] pairs = new long[n];
        for (int i = 0; i < n; i++) {
            rowCount[a[i]]++;
            colCount[b[i]]++;
            pairs[i] = ((long) a[i] << 32) | b[i];
        }
        Arrays.sort(pairs);
        double sumCells = 0;
        double mi = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && pairs[j] == pairs[i]) {
                j++;
            }
            long cell = j - i;
            int r = (int) (pairs[i] >>> 32);
            int c = (int) pairs[i];
            sumCells += comb2(cell);
            // MI = sum n_ij/N * log(N n_ij / (a_i b_j))
            mi += (double) cell / n * (Math.log(cell) + Math.log(n) - Math.log(rowCount[r]) - Math.log(colCount[c]));
            i = j;
        }
        double sumRows = 0;
        double hTrue = 0;
        for (long r : rowCount) {
            sumRows += comb2(r);
            hTrue -= r == 0 ? 0 : (double) r / n * Math.log((double) r / n);
        }
        double sumCols = 0;
        double hPred = 0;
        for (long c : colCount) {
            sumCols += comb2(c);
            hPred -= c == 0 ? 0 : (double) c / n * Math.log((double) c / n);
        }
        // Rounding can leave MI a hair below 0 or above an entropy; clamp like sklearn does.
        mi = Math.max(0, mi);
        return new Table(n, classes, clusters, sumCells, sumRows, sumCols, mi, hTrue, hPred);
    }

    private static double comb2(long x) {
        return (double) x * (x - 1) / 2.0;
    }

    private static int max(int[] x) {
        int m = -1;
        for (int v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Labels renumbered densely 0..k-1 (by label value), noise per policy. */
    private static int[] dense(int[] labels, NoisePolicy noise) {
        int n = labels.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = ((long) labels[i] << 32) | i;
        }
        Arrays.sort(keyed);
        int[] out = new int[n];
        int next = 0;
        int i = 0;
        // Noise first (negative labels sort first).
        int noiseId = -1;
        while (i < n && (int) (keyed[i] >> 32) < 0) {
            int idx = (int) keyed[i];
            if (noise == NoisePolicy.SINGLETONS) {
                out[idx] = next++;
            } else {
                if (noiseId < 0) {
                    noiseId = next++;
                }
                out[idx] = noiseId;
            }
            i++;
        }
        while (i < n) {
            int label = (int) (keyed[i] >> 32);
            int id = next++;
            while (i < n && (int) (keyed[i] >> 32) == label) {
                out[(int) keyed[i]] = id;
                i++;
            }
        }
        return out;
    }
}
