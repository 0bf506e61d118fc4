package org.sitroom.engine;

import java.util.Optional;

/**
 * Groups a situation's posts into narratives: HDBSCAN* over a k-NN graph of duplicate-group representatives.
 * Narrative ids stay stable across reclusters (a new cluster inherits the id held by most of its members).
 */
public interface NarrativeClustering {

    /**
     * Reclusters all posts of the situation and switches to the result atomically: until it returns, readers see
     * the previous narratives; if it is interrupted, the previous narratives stay.
     */
    Clustering recluster(String situation);

    /** The last result, if the situation was ever clustered. */
    Optional<Clustering> latest(String situation);
}
