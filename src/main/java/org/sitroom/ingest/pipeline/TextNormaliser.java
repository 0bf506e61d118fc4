package org.sitroom.ingest.pipeline;

import java.text.Normalizer;

/**
 * The light normalisation every stored text gets: Unicode NFC (so equal texts compare equal), control characters
 * removed (NUL, escape sequences, bell; tab and newline stay, CR LF becomes LF), and a length cap. Format
 * characters (zero-width joiners in emoji, bidi marks) stay: they carry meaning, and the views render texts inert.
 * The engine normalises a copy further for embedding; the text as delivered is kept when this changes it.
 */
final class TextNormaliser {

    private final int maxChars;

    TextNormaliser(int maxChars) {
        this.maxChars = maxChars;
    }

    String normalise(String text) {
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
            if (control && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (c == '\r') {
                if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                    out.append('\n'); // a lone CR is a line break; CR LF becomes the LF that follows
                }
            } else if (!control && out != null) {
                out.append(c);
            }
        }
        String result = out == null ? s : out.toString();
        if (result.length() > maxChars) {
            int end = maxChars;
            if (Character.isHighSurrogate(result.charAt(end - 1))) {
                end--; // never cut a surrogate pair in half
            }
            result = result.substring(0, end);
        }
        return result;
    }
}
