package org.sitroom.narratives;

import java.time.Duration;

/** Time ranges of growth charts. */
public enum GrowthRange {
    H6("6 h", Duration.ofHours(6)),
    H24("24 h", Duration.ofHours(24)),
    H72("72 h", Duration.ofHours(72)),
    ALL("All", null);

    private final String label;
    private final Duration length;

    GrowthRange(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    /** The length, or null for everything since the first post. */
    public Duration length() {
        return length;
    }
}
