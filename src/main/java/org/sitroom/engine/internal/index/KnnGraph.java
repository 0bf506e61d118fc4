package org.sitroom.engine.internal.index;

/**
 * A k-nearest-neighbour graph over the posts of one situation. Node {@code i} is the post {@code ids[i]};
 * {@code neighbours[i]} are node indexes of its nearest other posts and {@code distances[i]} their distances
 * {@code 1 - dot} (0 = same direction, 2 = opposite), ascending. A node has fewer than k neighbours only when the
 * situation has at most k posts.
 */
public record KnnGraph(String[] ids, int[][] neighbours, float[][] distances) {

    /** Number of nodes. */
    public int size() {
        return ids.length;
    }
}
