package org.sitroom.engine;

import java.util.List;

/**
 * Published when a batch of posts is durable in the store. It names the new posts, so a listener reads exactly those:
 * a batch's time span can cover the whole situation (an import of an old dataset arrives in file order, not time
 * order), and re-reading that span for every batch made listeners' work grow with the square of the import.
 *
 * @param assigned how many of them a k-NN vote put in a narrative
 * @param postIds  the ids of the posts added
 */
public record PostsIndexed(String situation, int assigned, List<String> postIds) {

    public PostsIndexed {
        postIds = List.copyOf(postIds);
    }

    public int added() {
        return postIds.size();
    }
}
