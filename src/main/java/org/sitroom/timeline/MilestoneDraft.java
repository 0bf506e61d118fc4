package org.sitroom.timeline;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * What an analyst enters for a milestone. {@link #validated()} trims it and says what is wrong, in words meant for
 * the person who typed it.
 */
public record MilestoneDraft(Instant time, String title, String note, String link) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_NOTE = 4000;
    public static final int MAX_LINK = 1000;

    /** The draft trimmed, blank note as "" and blank link as null; throws with a message when it cannot be saved. */
    public MilestoneDraft validated() {
        if (time == null) {
            throw new IllegalArgumentException("A milestone needs a time.");
        }
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("A milestone needs a title.");
        }
        if (t.length() > MAX_TITLE) {
            throw new IllegalArgumentException("The title is longer than " + MAX_TITLE + " characters.");
        }
        String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE) {
            throw new IllegalArgumentException("The note is longer than " + MAX_NOTE + " characters.");
        }
        String l = link == null || link.isBlank() ? null : link.strip();
        if (l != null) {
            if (l.length() > MAX_LINK) {
                throw new IllegalArgumentException("The link is longer than " + MAX_LINK + " characters.");
            }
            // Only web addresses: a javascript: or data: link would run in the reader's browser when clicked.
            String scheme;
            try {
                scheme = URI.create(l).getScheme();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The link is not a valid web address.");
            }
            if (scheme == null || !(scheme.toLowerCase(Locale.ROOT).equals("https")
                    || scheme.toLowerCase(Locale.ROOT).equals("http"))) {
                throw new IllegalArgumentException("The link must start with https:// or http://.");
            }
        }
        return new MilestoneDraft(time, t, n, l);
    }
}
