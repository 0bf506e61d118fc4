package org.sitroom.narratives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Velocity is the last hour against the six before; emerging needs volume and speed, or youth and growth. */
class VelocityTest {

    private static final Instant NOW = Instant.parse("2026-03-15T21:30:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(1));
    private static final NarrativeSettings RULES = NarrativeSettings.DEFAULTS;

    @Test
    void aSteadyNarrativeHasVelocityOneAndIsNotEmerging() {
        Velocity.Figures f = Velocity.of(12, 72, OLD, NOW, RULES);
        assertThat(f.previousMean()).isEqualTo(12.0);
        assertThat(f.velocity()).isEqualTo(1.0);
        assertThat(f.emerging()).isFalse();
    }

    @Test
    void aSurgeIsEmerging() {
        Velocity.Figures f = Velocity.of(30, 60, OLD, NOW, RULES);
        assertThat(f.velocity()).isCloseTo(3.0, within(1e-9));
        assertThat(f.emerging()).isTrue();
    }

    @Test
    void aTrickleIsFastButTooSmallToBeEmerging() {
        Velocity.Figures f = Velocity.of(3, 0, OLD, NOW, RULES);
        assertThat(f.velocity()).isEqualTo(3.0); // against at least one post an hour, never infinite
        assertThat(f.emerging()).isFalse();
    }

    @Test
    void exactlyTheThresholdsCount() {
        assertThat(Velocity.of(5, 15, OLD, NOW, RULES).emerging()).as("5 posts, velocity 2.0").isTrue();
        assertThat(Velocity.of(4, 0, OLD, NOW, RULES).emerging()).as("4 posts").isFalse();
        assertThat(Velocity.of(19, 60, OLD, NOW, RULES).emerging()).as("velocity 1.9").isFalse();
    }

    @Test
    void aYoungGrowingNarrativeIsEmergingBelowTheVelocityThreshold() {
        Instant bornTwoHoursAgo = NOW.minus(Duration.ofHours(2));
        assertThat(Velocity.of(8, 30, bornTwoHoursAgo, NOW, RULES).velocity()).isCloseTo(1.6, within(1e-9));
        assertThat(Velocity.of(8, 30, bornTwoHoursAgo, NOW, RULES).emerging()).isTrue();
        assertThat(Velocity.of(8, 30, OLD, NOW, RULES).emerging()).as("same figures, old narrative").isFalse();
        assertThat(Velocity.of(6, 42, bornTwoHoursAgo, NOW, RULES).emerging()).as("young but shrinking").isFalse();
    }

    @Test
    void youthEndsAfterTheConfiguredHours() {
        Instant sevenHoursAgo = NOW.minus(Duration.ofHours(7));
        assertThat(Velocity.of(8, 30, sevenHoursAgo, NOW, RULES).emerging()).isFalse();
        NarrativeSettings patient = new NarrativeSettings(5, 2.0, 8, 20, 3, 8, 3);
        assertThat(Velocity.of(8, 30, sevenHoursAgo, NOW, patient).emerging()).isTrue();
    }
}
