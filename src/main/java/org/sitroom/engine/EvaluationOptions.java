package org.sitroom.engine;

import java.util.Set;

/**
 * How an {@link Evaluation} scores.
 *
 * @param unscoredLabels labels whose posts are clustered but left out of every score, KNNGR included (PAPYER's
 *                       31, "irrelevant": the paper drops it, and it is not a narrative to be found)
 * @param knngrSplits    random 70/30 splits KNNGR is averaged over (the paper: 50)
 * @param seed           seed of the KNNGR splits
 */
public record EvaluationOptions(Set<String> unscoredLabels, int knngrSplits, long seed) {

    public EvaluationOptions {
        unscoredLabels = unscoredLabels == null ? Set.of() : Set.copyOf(unscoredLabels);
        if (knngrSplits < 1) {
            throw new IllegalArgumentException("knngrSplits must be at least 1, got " + knngrSplits);
        }
    }

    /** Every label scored, 50 splits, seed 0. */
    public static EvaluationOptions defaults() {
        return new EvaluationOptions(Set.of(), 50, 0L);
    }

    public EvaluationOptions withUnscoredLabels(Set<String> labels) {
        return new EvaluationOptions(labels, knngrSplits, seed);
    }
}
