package org.sitroom.narratives;

import java.time.Duration;
import java.time.Instant;

/**
 * Growth of a narrative right now: posts in the last hour against the mean of the six hours before, and whether
 * that makes it emerging.
 */
final class Velocity {

    static final int BASELINE_HOURS = 6;

    /**
     * @param lastHour posts in the last 60 minutes
     * @param previousMean mean posts per hour over the six hours before
     * @param velocity {@code lastHour / max(previousMean, 1)}: against at least one post an hour, so a narrative
     *                 that had none and now has three is not "infinitely" fast
     */
    record Figures(int lastHour, double previousMean, double velocity, boolean emerging) {
    }

    private Velocity() {
    }

    static Figures of(int lastHour, int previousSixHours, Instant firstSeen, Instant now, NarrativeSettings settings) {
        double mean = previousSixHours / (double) BASELINE_HOURS;
        double velocity = lastHour / Math.max(mean, 1.0);
        boolean enough = lastHour >= settings.emergingMinPosts();
        boolean fast = velocity >= settings.emergingVelocity();
        boolean young = firstSeen != null && !firstSeen.isBefore(now.minus(Duration.ofHours(settings.youngHours())));
        boolean growing = lastHour > mean;
        return new Figures(lastHour, mean, velocity, enough && (fast || (young && growing)));
    }
}
