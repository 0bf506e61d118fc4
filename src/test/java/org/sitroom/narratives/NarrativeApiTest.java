package org.sitroom.narratives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sitroom.base.ApiErrors;

/** Parameter parsing of the REST API: clear 400s, never a 500. */
class NarrativeApiTest {

    @Test
    void limitDefaultsAndBounds() {
        assertThat(NarrativeApi.limit(null)).isEqualTo(100);
        assertThat(NarrativeApi.limit(" ")).isEqualTo(100);
        assertThat(NarrativeApi.limit("1")).isEqualTo(1);
        assertThat(NarrativeApi.limit("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> NarrativeApi.limit("0")).isInstanceOf(ApiErrors.BadRequest.class)
                .hasMessage("parameter 'limit' must be from 1 to 1000, was 0");
        assertThatThrownBy(() -> NarrativeApi.limit("1001")).isInstanceOf(ApiErrors.BadRequest.class);
        assertThatThrownBy(() -> NarrativeApi.limit("99999999999")).isInstanceOf(ApiErrors.BadRequest.class)
                .hasMessageContaining("whole number");
    }

    @Test
    void timesAreIsoWithAZone() {
        assertThat(NarrativeApi.time("from", "2026-03-14T06:00:00Z")).isEqualTo(Instant.parse("2026-03-14T06:00:00Z"));
        assertThat(NarrativeApi.time("from", "2026-03-14T08:00:00+02:00")).isEqualTo(Instant.parse("2026-03-14T06:00:00Z"));
        assertThat(NarrativeApi.time("from", null)).isNull();
        assertThatThrownBy(() -> NarrativeApi.time("to", "2026-03-14T06:00:00")).isInstanceOf(ApiErrors.BadRequest.class)
                .hasMessageContaining("'to'");
        assertThatThrownBy(() -> NarrativeApi.time("from", "<script>")).isInstanceOf(ApiErrors.BadRequest.class)
                .hasMessageNotContaining("<script>");
    }
}
