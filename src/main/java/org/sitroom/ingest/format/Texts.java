package org.sitroom.ingest.format;

/** Small text helpers for messages. */
final class Texts {

    private Texts() {
    }

    /** A value as shown inside a message: at most 80 characters, control characters escaped. */
    static String excerpt(String value) {
        return excerpt(value, 80);
    }

    /** A value as shown inside a message: at most {@code max} characters, control characters escaped. */
    static String excerpt(String value, int max) {
        String v = value.length() > max ? value.substring(0, max - 3) + "..." : value;
        StringBuilder out = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
