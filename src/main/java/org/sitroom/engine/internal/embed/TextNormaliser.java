package org.sitroom.engine.internal.embed;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.sitroom.engine.EmbeddingSettings.Normalisation;

/**
 * Cleans a copy of a post before it is embedded; the caller's original text is never touched.
 *
 * <p>Immutable and thread-safe. Runs on the caller's thread for every post, so each step first checks cheaply whether
 * it has anything to do.
 */
final class TextNormaliser {

    /** Placeholders follow the common tweet convention (TweetEval): the model knows both words. */
    static final String URL_PLACEHOLDER = "http";
    static final String MENTION_PLACEHOLDER = "@user";

    private static final Pattern URL = Pattern.compile("(?i)(?:\\b(?:https?|ftp)://|\\bwww\\.)\\S+");
    /** Chains like {@code RT @a: RT @b: text} at the very start; "RT" is upper case on every platform that uses it. */
    private static final Pattern RETWEET = Pattern.compile("^(?:RT\\s*@[\\p{L}\\p{N}_]+:?\\s*)+");
    /** @handle, also @user@instance (fediverse), but not the @ inside an e-mail address. */
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\p{L}\\p{N}_@.])@[\\p{L}\\p{N}_]+(?:@[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)+)?");

    private final Normalisation options;

    TextNormaliser(Normalisation options) {
        this.options = options;
    }

    /** The text to embed; empty when nothing is left. {@code null} counts as empty. */
    String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = replaceLoneSurrogates(text);
        if (options.unicodeNfc() && !Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        if (options.removeControlCharacters() || options.collapseWhitespace()) {
            s = cleanCharacters(s, options.removeControlCharacters(), options.collapseWhitespace());
        }
        if (options.stripRetweetPrefix() && s.startsWith("RT")) {
            s = RETWEET.matcher(s).replaceFirst("");
        }
        if (options.replaceUrls() && (s.indexOf("://") >= 0 || s.indexOf("www.") >= 0 || s.indexOf("WWW.") >= 0)) {
            s = URL.matcher(s).replaceAll(URL_PLACEHOLDER);
        }
        if (options.replaceMentions() && s.indexOf('@') >= 0) {
            s = MENTION.matcher(s).replaceAll(MENTION_PLACEHOLDER);
        }
        return s;
    }

    /**
     * Lone UTF-16 surrogates become U+FFFD. Always on: the tokenizer's native code receives the text as UTF-8, which
     * cannot encode them.
     */
    static String replaceLoneSurrogates(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i += 2;
            } else if (Character.isSurrogate(c)) {
                break;
            } else {
                i++;
            }
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                i++;
            }
        }
        return out.toString();
    }

    /** Control/format removal and whitespace collapsing; returns {@code s} itself when nothing changes. */
    private static String cleanCharacters(String s, boolean removeControl, boolean collapse) {
        if (!needsCleaning(s, removeControl, collapse)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (collapse && isSpace(c)) {
                pendingSpace = !out.isEmpty(); // leading whitespace goes; a run becomes one space
                continue;
            }
            if (removeControl && isInvisible(c)) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString(); // trailing whitespace never got appended
    }

    /** The fast path: most posts need neither step, and then no copy is made. */
    private static boolean needsCleaning(String s, boolean removeControl, boolean collapse) {
        boolean previousSpace = true; // so leading whitespace counts as a change
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (collapse && isSpace(c)) {
                if (c != ' ' || previousSpace) {
                    return true;
                }
                previousSpace = true;
            } else if (removeControl && isInvisible(c)) {
                return true;
            } else {
                previousSpace = false;
            }
        }
        return collapse && previousSpace;
    }

    /** Whitespace by any Unicode definition, including no-break spaces that {@link Character#isWhitespace} skips. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r'
                || (c > 127 && (Character.isWhitespace(c) || Character.isSpaceChar(c)))
                || (c < 32 && Character.isWhitespace(c));
    }

    /**
     * Control characters (NUL, escape, ...) and invisible format characters (bidi marks, BOM, soft hyphen). ZWJ and
     * ZWNJ stay: they change how Persian, Indic scripts and emoji sequences read.
     */
    private static boolean isInvisible(char c) {
        if (c < 32 || (c >= 0x7F && c <= 0x9F)) {
            return !(c == '\n' || c == '\t' || c == '\r');
        }
        if (c < 0xAD) {
            return false;
        }
        return Character.getType(c) == Character.FORMAT && c != '\u200C' && c != '\u200D';
    }
}
