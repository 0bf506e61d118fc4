package org.sitroom.timeline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When an hour counts as a burst: at least {@code minPosts} and at least {@code factor} times the median of the
 * {@code baselineHours} hours before it (of which at least {@code minBaselineHours} must exist). The median, not the
 * mean, so one earlier burst does not hide the next; six hours, not twelve, so a burst in the afternoon is not
 * measured against the morning's (on the demo, twelve hours missed the UN call: 87 posts against a median of 31.5).
 */
@ConfigurationProperties("sitroom.timeline.bursts")
public record BurstSettings(@DefaultValue("10") int minPosts, @DefaultValue("3.0") double factor,
                            @DefaultValue("6") int baselineHours, @DefaultValue("2") int minBaselineHours) {

    public static final BurstSettings DEFAULTS = new BurstSettings(10, 3.0, 6, 2);
}
