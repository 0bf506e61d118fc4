package org.sitroom.narratives;

import java.time.Instant;

/**
 * Something to mark on a time axis under the growth chart: a milestone (an instant) or a burst (an interval).
 *
 * @param to equal to {@code from} for milestones
 * @param narrativeId the narrative a burst belongs to; null for milestones and situation-wide bursts
 */
public record IncidentMark(Kind kind, Instant from, Instant to, String title, String narrativeId) {

    public enum Kind {
        MILESTONE, BURST
    }
}
