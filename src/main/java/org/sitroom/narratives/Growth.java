package org.sitroom.narratives;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Posts per hour of the top narratives of a situation, the rest summed as "other", with incident marks.
 *
 * @param hours start of each hourly bucket, aligned to whole hours of {@code zone}, oldest first
 * @param series one per top narrative, biggest in the range first, then "other" (narrativeId null) if any
 */
public record Growth(String situation, GrowthRange range, ZoneId zone, List<Instant> hours, List<Series> series,
                     List<IncidentMark> marks) {

    /**
     * Counts per hour, aligned with {@link Growth#hours}.
     *
     * @param colour the narrative's colour slot, -1 for "other"
     */
    public record Series(String narrativeId, String label, int colour, List<Integer> counts) {

        public int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }
    }

    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.total() == 0);
    }
}
