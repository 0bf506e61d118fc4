package org.sitroom.narratives;

import java.time.Instant;
import java.util.List;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.Provenance;

/**
 * A narrative as people read it.
 *
 * @param id the engine's stable narrative id
 * @param title automatic title: its first c-TF-IDF keywords
 * @param keywords c-TF-IDF keywords, strongest first (content words of the posts; show as text)
 * @param size posts in it
 * @param accounts distinct accounts that posted in it
 * @param languages posts per language, most first
 * @param hourly posts per UTC hour from its first to its last hour (hours without posts included, as 0)
 * @param lastHour posts in the last 60 minutes
 * @param velocity last hour against the mean of the six hours before (at least one post an hour)
 * @param emerging growing fast, or born recently and growing
 * @param theme super-category from the clustering, 0-based
 * @param duplicateGroups distinct texts (near-duplicate groups) among its posts
 * @param colour its colour slot (0 to {@link #COLOUR_SLOTS} - 1), the same in every view and stable over its life:
 *               from a stable hash of its id, moved to the next free slot when an older narrative holds that one
 */
public record NarrativeSummary(String id, String situation, String title, List<String> keywords, int size,
                               int accounts, List<Share> languages, Instant firstSeen, Instant lastSeen,
                               List<HourCount> hourly, int lastHour, double velocity, boolean emerging, int theme,
                               int duplicateGroups, int colour, Provenance provenance) {

    /** How many colours narratives are told apart by (the UI palette has as many). */
    public static final int COLOUR_SLOTS = 20;

    /** Posts in the last {@code hours} hourly buckets (the current, partial hour included). */
    public int postsInLastHours(int hours) {
        int n = hourly.size();
        return hourly.subList(Math.max(0, n - hours), n).stream().mapToInt(HourCount::count).sum();
    }
}
