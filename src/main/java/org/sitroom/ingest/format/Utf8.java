package org.sitroom.ingest.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that says where the first bad byte is, instead of replacing it with U+FFFD. */
final class Utf8 {

    /** Thrown when bytes are not UTF-8; {@code index} is the first bad byte's index in the decoded array. */
    static final class MalformedException extends Exception {
        final int index;

        MalformedException(int index) {
            super("invalid UTF-8 at index " + index, null, false, false);
            this.index = index;
        }
    }

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Decodes all of {@code bytes}, or reports where they stop being UTF-8. */
    String decode(byte[] bytes) throws MalformedException {
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedException(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new MalformedException(in.position());
        }
        out.flip();
        return out.toString();
    }

    /** A size for messages such as {@code 5.0 MB} (decimal units, as file managers show them). */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        if (bytes < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1000.0);
        }
        if (bytes < 1_000_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1_000_000_000.0);
    }
}
