package org.sitroom.narratives;

import java.time.Instant;
import org.sitroom.engine.Provenance;

/**
 * The strip of figures at the top of the overview.
 *
 * @param postsLastHour posts in the last 60 minutes
 * @param postsPreviousHour posts in the 60 minutes before that, for the change
 * @param activeNarratives narratives with a post in the last 24 hours
 * @param latestPost time of the newest post, null when there is none
 * @param stale no post for longer than {@code sitroom.stale-after-minutes}
 * @param clustered whether the engine has grouped this situation's posts yet
 * @param asOf when these figures were computed
 */
public record OverviewFigures(String situation, long totalPosts, int postsLastHour, int postsPreviousHour,
                              int activeNarratives, int emergingNarratives, int sourcesHealthy, int sourcesFailing,
                              Instant latestPost, boolean stale, boolean clustered, Instant asOf,
                              Provenance provenance) {

    public int change() {
        return postsLastHour - postsPreviousHour;
    }
}
