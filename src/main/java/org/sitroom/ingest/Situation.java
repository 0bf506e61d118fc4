package org.sitroom.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An event under watch. Every post belongs to one situation.
 *
 * @param id short stable id used in URLs and the API, e.g. {@code eastmed-naval}
 * @param zone the time zone the event is watched in (hourly charts default to it)
 * @param keywords keywords and hashtags that define it for sources that search
 */
public record Situation(String id, String name, String description, Instant start, ZoneId zone,
                        List<String> keywords, List<String> languages) {
}
