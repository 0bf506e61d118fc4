package org.sitroom.narratives;

import java.time.Instant;
import java.util.List;

/**
 * Provides marks for the incident strip under growth charts. The timeline module implements it: it depends on this
 * module, so this module asks through an interface instead of depending back (no cycle).
 */
public interface IncidentMarks {

    /** Milestones and situation-wide bursts of a situation overlapping {@code [from, to)}, oldest first. */
    List<IncidentMark> marks(String situation, Instant from, Instant to);
}
