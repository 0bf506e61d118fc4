package org.sitroom.narratives;

import java.time.Instant;

/**
 * Posts of a narrative that say the same words (one near-duplicate group of the engine).
 *
 * @param text the text of its earliest post (show as text)
 * @param accounts distinct accounts among its posts
 * @param campaign many distinct accounts posted the same text: a copy-paste campaign
 */
public record DuplicateGroup(long group, String text, int posts, int accounts, Instant first, Instant last,
                             boolean campaign) {
}
