package org.sitroom.engine;

import java.time.Instant;

/** Posts in one elapsed hour starting at {@code hour} (hours are real hours, so DST days have 23 or 25). */
public record HourCount(Instant hour, int count) {
}
