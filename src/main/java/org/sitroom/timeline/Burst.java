package org.sitroom.timeline;

import java.time.Instant;

/**
 * Consecutive hours whose volume was far above the recent baseline.
 *
 * @param narrativeId the narrative that burst, or null for the whole situation
 * @param start start of the first burst hour
 * @param end end of the last burst hour (exclusive)
 * @param peak the most posts in one of its hours
 * @param baseline median posts per hour in the hours before it
 * @param posts posts in all its hours
 */
public record Burst(String situation, String narrativeId, Instant start, Instant end, int peak, double baseline,
                    int posts) {

    /** How many times the baseline its peak was (against at least one post an hour). */
    public double ratio() {
        return peak / Math.max(baseline, 1.0);
    }
}
