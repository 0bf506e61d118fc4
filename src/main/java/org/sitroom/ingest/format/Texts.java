package org.sitroom.ingest.format;

/** Small text helpers for messages. */
final class Texts {

    private Texts() {
    }

    /** A value as shown inside a message: at most 80 characters, control characters escaped. */
    static String excerpt(String value) {
        String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
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
