package org.sitroom.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What analysts type is trimmed and checked; links that would run script are refused. */
class MilestoneDraftTest {

    private static final Instant T = Instant.parse("2026-03-14T20:30:00Z");

    @Test
    void aDraftIsTrimmedAndBlankPartsNormalised() {
        MilestoneDraft d = new MilestoneDraft(T, "  Captain's statement ", " ", "  ").validated();
        assertThat(d).isEqualTo(new MilestoneDraft(T, "Captain's statement", "", null));
    }

    @Test
    void titleAndTimeAreRequired() {
        assertThatThrownBy(() -> new MilestoneDraft(T, "  ", null, null).validated()).hasMessageContaining("title");
        assertThatThrownBy(() -> new MilestoneDraft(null, "x", null, null).validated()).hasMessageContaining("time");
        assertThatThrownBy(() -> new MilestoneDraft(T, "x".repeat(201), null, null).validated())
                .hasMessageContaining("200");
    }

    @Test
    void onlyWebLinksAreAccepted() {
        assertThat(new MilestoneDraft(T, "x", null, "https://example.org/a?b=c").validated().link())
                .isEqualTo("https://example.org/a?b=c");
        assertThatThrownBy(() -> new MilestoneDraft(T, "x", null, "javascript:alert(1)").validated())
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new MilestoneDraft(T, "x", null, "JaVaScRiPt:alert(1)").validated())
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new MilestoneDraft(T, "x", null, "data:text/html,<script>").validated())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MilestoneDraft(T, "x", null, "not a url at all").validated())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
