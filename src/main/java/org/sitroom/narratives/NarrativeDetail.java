package org.sitroom.narratives;

import java.util.List;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.StoredPost;

/**
 * Everything the detail page shows about one narrative.
 *
 * @param summary null when the narrative no longer exists (merged away or faded); lineage then says what became of it
 * @param representatives posts closest to its centre, one per duplicate group
 * @param duplicateGroups its largest duplicate groups, most accounts first
 * @param lineage its life: born, split from, merged into, with times, oldest first
 */
public record NarrativeDetail(String id, String situation, NarrativeSummary summary, List<StoredPost> representatives,
                              List<Share> sources, List<Share> languages, List<DuplicateGroup> duplicateGroups,
                              List<LineageEvent> lineage) {

    public boolean exists() {
        return summary != null;
    }
}
