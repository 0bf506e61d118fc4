package org.sitroom.engine.internal.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The k-NN vote rule, one for both places that assign a post by its neighbours: a post arriving between reclusters
 * ({@link EngineStore}) and a point HDBSCAN* left as noise in a recluster ({@link GroupClusterer}). If the two
 * differed, a post's narrative would depend on whether it arrived before a recluster or after it.
 *
 * <p>Neighbours at least {@code minSimilarity} similar vote for their narrative with their similarity times their
 * weight (the posts they stand for). A narrative needs votes from {@code minSupport} posts. The highest score wins,
 * and a tie goes to the smaller narrative id, so the order of the votes cannot matter. One tally per post: {@link
 * #clear()} before the next. Public for the benchmarks, which assign posts by the same rule without a store.
 */
public final class NarrativeVote {

    private final double minSimilarity;
    private final int minSupport;
    /** Per narrative: summed score, summed weight. */
    private final Map<Long, double[]> tally = new HashMap<>();

    public NarrativeVote(double minSimilarity, int minSupport) {
        this.minSimilarity = minSimilarity;
        this.minSupport = minSupport;
    }

    /**
     * Counts a neighbour's vote, unless it is less similar than the minimum; weight >= 1.
     *
     * @return whether it counted
     */
    public boolean add(long narrative, double similarity, int weight) {
        if (similarity < minSimilarity) {
            return false;
        }
        double[] v = tally.computeIfAbsent(narrative, x -> new double[2]);
        v[0] += similarity * weight;
        v[1] += weight;
        return true;
    }

    /** The winning narrative, or null when none has the support. */
    public Long winner() {
        Long best = null;
        double bestScore = 0;
        for (Map.Entry<Long, double[]> e : tally.entrySet()) {
            double[] v = e.getValue();
            if (v[1] >= minSupport && (best == null || v[0] > bestScore || (v[0] == bestScore && e.getKey() < best))) {
                best = e.getKey();
                bestScore = v[0];
            }
        }
        return best;
    }

    public void clear() {
        tally.clear();
    }
}
