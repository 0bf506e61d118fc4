package org.sitroom.narratives;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.Provenance;
import org.sitroom.engine.StoredPost;

/**
 * One immutable version of a situation's narrative model. The model switches whole snapshots atomically, so a page
 * never shows figures from two versions.
 *
 * @param narratives biggest first
 * @param hourly all posts of the situation per UTC hour, first to last hour, empty hours as 0
 */
record Snapshot(String situation, Instant asOf, boolean clustered, Provenance provenance,
                List<NarrativeSummary> narratives, Map<String, NarrativeSummary> byId, Map<String, Extras> extras,
                long totalPosts, long unassignedPosts, Instant latestPost, int postsLastHour, int postsPreviousHour,
                List<HourCount> hourly, Map<Integer, String> themeLabels, List<Share> languages,
                List<Share> sources) {

    /** Detail-only parts of a narrative. */
    record Extras(List<StoredPost> representatives, List<Share> sources, List<DuplicateGroup> duplicateGroups) {
    }

    static Snapshot empty(String situation, Instant asOf) {
        return new Snapshot(situation, asOf, false, null, List.of(), Map.of(), Map.of(), 0, 0, null, 0, 0, List.of(),
                Map.of(), List.of(), List.of());
    }
}
