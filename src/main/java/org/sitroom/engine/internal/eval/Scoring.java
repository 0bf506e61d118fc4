package org.sitroom.engine.internal.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.engine.internal.cluster.ClusterMetrics;
import org.sitroom.engine.internal.cluster.Knngr;

/**
 * Scores a partition of posts against their labels, the same way for the engine and for the baselines the quality
 * benchmark runs beside it (k-means, exact HDBSCAN): only posts with a scored label count, every noise post is a
 * cluster of its own.
 */
public final class Scoring {

    /**
     * Labels as dense ints: scored labels 0..labels-1 in order of first appearance, -1 for unlabelled and unscored
     * posts.
     *
     * @param truth  per post
     * @param labels distinct scored labels
     */
    public record Truth(int[] truth, int labels) {

        /** Posts with a scored label. */
        public int scored() {
            return (int) Arrays.stream(truth).filter(t -> t >= 0).count();
        }
    }

    /** Partition scores over the scored posts; {@code clusters} and {@code noiseShare} over all posts. */
    public record Partition(double ari, double nmi, double homogeneity, double completeness, int clusters,
                            double noiseShare) {
    }

    private Scoring() {
    }

    public static Truth truth(List<String> labels, Set<String> unscored) {
        Map<String, Integer> ids = new HashMap<>();
        int[] truth = new int[labels.size()];
        for (int i = 0; i < truth.length; i++) {
            String label = labels.get(i);
            truth[i] = label == null || unscored.contains(label) ? -1 : ids.computeIfAbsent(label, l -> ids.size());
        }
        return new Truth(truth, ids.size());
    }

    /** Scores {@code predicted} (-1 = noise) against the scored posts of {@code truth}. */
    public static Partition partition(Truth truth, int[] predicted) {
        int[] t = truth.truth();
        if (t.length != predicted.length) {
            throw new IllegalArgumentException("one prediction per post expected");
        }
        int scored = truth.scored();
        int[] a = new int[scored];
        int[] b = new int[scored];
        for (int i = 0, s = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                a[s] = t[i];
                b[s++] = predicted[i];
            }
        }
        ClusterMetrics.Scores scores = ClusterMetrics.score(a, b);
        return new Partition(scores.ari(), scores.nmi(), scores.homogeneity(), scores.completeness(),
                ClusterMetrics.clusterCount(predicted), ClusterMetrics.noiseShare(predicted));
    }

    /** KNNGR over the scored posts (PAPYER: k = floor(log2 N), 70/30); null with fewer than 4 of them. */
    public static Knngr.Result knngr(float[][] vectors, Truth truth, int splits, long seed) {
        if (truth.scored() < 4) {
            return null;
        }
        return Knngr.evaluate(vectors, truth.truth(), Knngr.Options.defaults().withSplits(splits).withSeed(seed));
    }
}
