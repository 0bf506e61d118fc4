package org.sitroom.narratives;

/** How many posts have one value of something (a language, a source), for breakdowns. */
public record Share(String key, int count) {
}
