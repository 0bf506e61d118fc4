package org.sitroom.timeline;

import java.time.Instant;
import java.util.List;
import org.sitroom.engine.StoredPost;

/**
 * Posts and narratives around a moment of the timeline.
 *
 * @param posts newest first, at most a page
 * @param totalPosts all posts in the window
 * @param narratives narratives with posts in the window, most posts first
 */
public record Around(Instant from, Instant to, List<StoredPost> posts, long totalPosts,
                     List<NarrativeCount> narratives) {

    /** A narrative and its posts in the window. */
    public record NarrativeCount(String narrativeId, String title, int posts) {
    }
}
