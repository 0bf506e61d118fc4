package org.sitroom.narratives;

/**
 * Filters and order of the narratives list; null or blank fields mean "any".
 *
 * @param text matched case-insensitively against title and keywords
 * @param language only narratives with posts in this language
 */
public record NarrativeQuery(String text, Integer theme, String language, boolean emergingOnly, Sort sort,
                             boolean descending) {

    public static final NarrativeQuery ALL = new NarrativeQuery(null, null, null, false, Sort.SIZE, true);

    public enum Sort {
        TITLE, SIZE, ACCOUNTS, FIRST_SEEN, LAST_SEEN, VELOCITY, THEME
    }
}
