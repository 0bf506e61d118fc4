package org.sitroom.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sitroom.engine.HourCount;

/** Finds bursts in an hourly series; pure, so the rule is easy to test and to explain. */
final class BurstDetector {

    private BurstDetector() {
    }

    /**
     * Bursts of a dense hourly series (consecutive hours, oldest first, empty hours as 0). Consecutive burst hours
     * form one burst; the baseline reported is the one its first hour was measured against.
     */
    static List<Burst> detect(List<HourCount> hourly, String situation, String narrativeId, BurstSettings rule) {
        List<Burst> bursts = new ArrayList<>();
        int runStart = -1;
        double runBaseline = 0;
        for (int i = 0; i <= hourly.size(); i++) {
            boolean burst = false;
            double baseline = 0;
            if (i < hourly.size()) {
                int from = Math.max(0, i - rule.baselineHours());
                if (i - from >= rule.minBaselineHours()) {
                    baseline = median(hourly.subList(from, i));
                    burst = hourly.get(i).count() >= Math.max(rule.minPosts(), rule.factor() * baseline);
                }
            }
            if (burst && runStart < 0) {
                runStart = i;
                runBaseline = baseline;
            } else if (!burst && runStart >= 0) {
                List<HourCount> run = hourly.subList(runStart, i);
                bursts.add(new Burst(situation, narrativeId, run.getFirst().hour(),
                        run.getLast().hour().plus(Duration.ofHours(1)),
                        run.stream().mapToInt(HourCount::count).max().orElse(0), runBaseline,
                        run.stream().mapToInt(HourCount::count).sum()));
                runStart = -1;
            }
        }
        return bursts;
    }

    static double median(List<HourCount> hours) {
        int[] c = hours.stream().mapToInt(HourCount::count).sorted().toArray();
        if (c.length == 0) {
            return 0;
        }
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }
}
