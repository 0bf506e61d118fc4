package org.sitroom.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.LineageEvent.Kind;
import org.sitroom.engine.internal.index.PostVector;

/** The id rules of a recluster: inherit, split, merge, fade, born. */
class LineageTest {

    private static final Instant AT = Instant.parse("2026-03-14T12:00:00Z");

    /** Posts with the given previous narrative ids (null = unassigned). */
    private static List<PostVector> posts(Long... previous) {
        List<PostVector> out = new ArrayList<>();
        for (int i = 0; i < previous.length; i++) {
            out.add(new PostVector("p" + i, new float[] {1}, AT, "a", "en", (long) i, previous[i]));
        }
        return out;
    }

    @Test
    void aNarrativeThatOnlyGrowsKeepsItsId() {
        var id = Reclusterer.assignIds(posts(7L, 7L, 7L, null, null), new int[] {0, 0, 0, 0, 0}, AT, 8);
        assertThat(id.ids()).containsExactly(7L);
        assertThat(id.lineage()).containsExactly(new LineageEvent(AT, Kind.GREW, "7", null, 5));
    }

    @Test
    void aSplitKeepsTheIdOnTheLargerPartAndRecordsTheOther() {
        var id = Reclusterer.assignIds(posts(3L, 3L, 3L, 3L, 3L), new int[] {0, 0, 0, 1, 1}, AT, 4);
        assertThat(id.ids()).containsExactly(3L, 4L);
        assertThat(id.lineage()).contains(new LineageEvent(AT, Kind.SPLIT_FROM, "4", "3", 2),
                new LineageEvent(AT, Kind.SHRANK, "3", null, 3));
    }

    @Test
    void aMergeKeepsTheLargerIdAndRecordsTheOtherAsMergedInto() {
        var id = Reclusterer.assignIds(posts(1L, 1L, 1L, 2L, 2L), new int[] {0, 0, 0, 0, 0}, AT, 3);
        assertThat(id.ids()).containsExactly(1L);
        assertThat(id.lineage()).contains(new LineageEvent(AT, Kind.MERGED_INTO, "2", "1", 0));
    }

    @Test
    void aNarrativeWhosePostsBecomeNoiseFadesAndNewOnesAreBorn() {
        var id = Reclusterer.assignIds(posts(5L, 5L, null, null, null), new int[] {-1, -1, 0, 0, 0}, AT, 9);
        assertThat(id.ids()).containsExactly(9L);
        assertThat(id.nextId()).isEqualTo(10);
        assertThat(id.lineage()).contains(new LineageEvent(AT, Kind.FADED, "5", null, 0),
                new LineageEvent(AT, Kind.BORN, "9", null, 3));
    }

    @Test
    void newIdsNeverReuseOldOnes() {
        var id = Reclusterer.assignIds(posts(12L, null, null), new int[] {-1, 0, 0}, AT, 1);
        assertThat(id.ids()[0]).isGreaterThan(12L);
    }
}
