package org.sitroom.narratives;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the narrative model judges growth.
 *
 * @param emergingMinPosts posts in the last hour a narrative needs before it can be called emerging, so that two
 *                         posts after one do not raise an alarm
 * @param emergingVelocity last hour against the mean of the six before it, from which a narrative is emerging
 * @param youngHours a narrative born this recently and growing is emerging even below that velocity
 * @param campaignAccounts distinct accounts posting the same text within {@code campaignHours} from which it is
 *                         flagged as a copy-paste campaign (people copying a text over days is not one)
 * @param campaignHours the window of that count
 * @param keywords keywords kept per narrative
 * @param titleWords keywords joined into the automatic title
 */
@ConfigurationProperties("sitroom.narratives")
public record NarrativeSettings(@DefaultValue("5") int emergingMinPosts, @DefaultValue("2.0") double emergingVelocity,
                                @DefaultValue("6") int youngHours, @DefaultValue("20") int campaignAccounts,
                                @DefaultValue("3") int campaignHours,
                                @DefaultValue("8") int keywords, @DefaultValue("3") int titleWords) {

    public static final NarrativeSettings DEFAULTS = new NarrativeSettings(5, 2.0, 6, 20, 3, 8, 3);
}
