package org.sitroom.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.HourCount;

/** Bursts: hours far above the median of the hours before, merged when consecutive. */
class BurstDetectorTest {

    private static final BurstSettings RULE = BurstSettings.DEFAULTS; // >= max(10, 3 x median of up to 6 h before)

    private static List<HourCount> series(Instant start, int... counts) {
        List<HourCount> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            out.add(new HourCount(start.plus(Duration.ofHours(i)), counts[i]));
        }
        return out;
    }

    @Test
    void aQuietSeriesHasNoBurst() {
        assertThat(BurstDetector.detect(series(Instant.parse("2026-03-14T00:00:00Z"), 20, 22, 19, 25, 21, 30, 24, 18),
                "s", null, RULE)).isEmpty();
    }

    @Test
    void anHourAtThreeTimesTheMedianIsABurst() {
        Instant start = Instant.parse("2026-03-14T10:00:00Z");
        List<Burst> bursts = BurstDetector.detect(series(start, 20, 22, 19, 25, 21, 90, 24, 18), "s", null, RULE);

        assertThat(bursts).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(Instant.parse("2026-03-14T15:00:00Z"));
            assertThat(b.end()).isEqualTo(Instant.parse("2026-03-14T16:00:00Z"));
            assertThat(b.peak()).isEqualTo(90);
            assertThat(b.baseline()).isEqualTo(21.0); // median of 20, 22, 19, 25, 21
            assertThat(b.ratio()).isCloseTo(90 / 21.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(b.narrativeId()).isNull();
        });
    }

    @Test
    void justBelowThreeTimesIsNot() {
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 20, 20, 20, 59), "s", null, RULE)).isEmpty();
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 20, 20, 20, 60), "s", null, RULE)).hasSize(1);
    }

    @Test
    void aQuietNightNeedsAtLeastTenPosts() {
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 1, 2, 1, 1, 9), "s", null, RULE)).isEmpty();
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 1, 2, 1, 1, 10), "s", null, RULE)).hasSize(1);
    }

    @Test
    void aBurstAcrossMidnightIsOneBurstSpanningBothDays() {
        Instant evening = Instant.parse("2026-03-14T18:00:00Z");
        // 18:00 ... 23:00 quiet, 23:00 and 00:00 and 01:00 high, then quiet again.
        List<HourCount> hours = series(evening, 25, 22, 24, 20, 23, 110, 150, 95, 30, 26);
        List<Burst> bursts = BurstDetector.detect(hours, "s", "n-1", RULE);

        assertThat(bursts).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(Instant.parse("2026-03-14T23:00:00Z"));
            assertThat(b.end()).isEqualTo(Instant.parse("2026-03-15T02:00:00Z"));
            assertThat(b.peak()).isEqualTo(150);
            assertThat(b.posts()).isEqualTo(110 + 150 + 95);
            assertThat(b.baseline()).isEqualTo(23.0);
            assertThat(b.narrativeId()).isEqualTo("n-1");
        });
    }

    @Test
    void theBaselineLooksBackAtMostSixHoursAndNeedsTwo() {
        // A loud morning, then a quiet stretch of 6 hours: the next jump is measured against the quiet hours only.
        int[] counts = new int[15];
        for (int i = 0; i < 8; i++) {
            counts[i] = 100;
        }
        for (int i = 8; i < 14; i++) {
            counts[i] = 5;
        }
        counts[14] = 15;
        assertThat(BurstDetector.detect(series(Instant.EPOCH, counts), "s", null, RULE))
                .extracting(Burst::peak).containsExactly(15);
        // The very first hours have no baseline yet, however high.
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 500, 3), "s", null, RULE)).isEmpty();
    }

    @Test
    void aNarrativeBornInABurstIsFoundAgainstTheZerosBeforeIt() {
        assertThat(BurstDetector.detect(series(Instant.EPOCH, 0, 0, 0, 0, 24, 51, 6), "s", "n-new", RULE))
                .singleElement().satisfies(b -> {
                    assertThat(b.posts()).isEqualTo(24 + 51);
                    assertThat(b.baseline()).isZero();
                });
    }

    @Test
    void theDemoDaysBurstsAreFoundAtTheMilestones() {
        // Posts per hour of the demo fixture (fixtures/demo/README.md), hours 0-71 from 2026-03-14T00:00Z.
        int[] demo = {3, 3, 15, 50, 52, 31, 48, 47, 44, 31, 31, 38, 22, 16, 24, 29, 32, 34, 30, 22, 55, 223, 97, 51,
                29, 29, 16, 22, 24, 17, 57, 117, 90, 79, 62, 50, 33, 37, 22, 36, 35, 26, 25, 30, 113, 200, 82, 65,
                44, 31, 25, 14, 16, 25, 23, 32, 87, 74, 54, 53, 38, 40, 32, 23, 31, 34, 19, 37, 15, 12, 17, 8};
        Instant start = Instant.parse("2026-03-14T00:00:00Z");
        List<Burst> bursts = BurstDetector.detect(series(start, demo), "s", null, RULE);

        assertThat(bursts).extracting(b -> Duration.between(start, b.start()).toHours())
                .containsExactly(2L, 21L, 31L, 44L, 56L); // first sighting, captain, denial, leaked audio, UN call
        assertThat(bursts.get(1).peak()).isEqualTo(223);
    }
}
