package org.sitroom.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a preceding {@code \r} is dropped) without ever holding more than
 * {@code maxLineBytes} of one line: a longer line is skipped to its end, keeping only its first bytes as evidence.
 * Works on bytes so that decoding (and its errors) stays per line.
 */
final class BoundedLineReader {

    /** One physical line. {@code content} excludes the terminator; for an overlong line it is only the start. */
    record Line(long number, long start, long end, byte[] content, int terminatorLength, long contentLength,
                boolean overlong) {

        /** The line's bytes followed by its terminator, as they were in the input (not for overlong lines). */
        byte[] withTerminator() {
            byte[] out = Arrays.copyOf(content, content.length + terminatorLength);
            if (terminatorLength == 2) {
                out[content.length] = '\r';
                out[content.length + 1] = '\n';
            } else if (terminatorLength == 1) {
                out[content.length] = '\n';
            }
            return out;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferLimit;
    private long offset;
    private long lineNumber;
    private boolean eof;

    /**
     * @param in           the input, positioned at {@code startOffset}
     * @param startOffset  the byte offset of the input's first byte within the whole file
     * @param linesBefore  how many lines precede that offset (so numbering continues after a resume)
     * @param maxLineBytes the longest line kept whole
     */
    BoundedLineReader(InputStream in, long startOffset, long linesBefore, int maxLineBytes) {
        this.in = in;
        this.offset = startOffset;
        this.lineNumber = linesBefore;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        long start = offset;
        byte[] acc = new byte[256];
        int accLength = 0;
        long length = 0;
        boolean overlong = false;
        while (true) {
            if (bufferPos == bufferLimit && !fill()) {
                if (length == 0) {
                    return null;
                }
                return finish(start, acc, accLength, length, overlong, 0);
            }
            int newline = -1;
            for (int i = bufferPos; i < bufferLimit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int chunkEnd = newline >= 0 ? newline : bufferLimit;
            int chunk = chunkEnd - bufferPos;
            if (!overlong) {
                if (length + chunk > maxLineBytes) {
                    // Keep only what the quarantine shows; the rest of the line streams past.
                    overlong = true;
                    int keep = (int) Math.max(0, Math.min(chunk, Quarantined.MAX_RAW_BYTES - accLength));
                    acc = Arrays.copyOf(acc, Math.min(acc.length, Quarantined.MAX_RAW_BYTES));
                    accLength = Math.min(accLength, Quarantined.MAX_RAW_BYTES);
                    if (keep > 0) {
                        acc = Arrays.copyOf(acc, Quarantined.MAX_RAW_BYTES);
                        System.arraycopy(buffer, bufferPos, acc, accLength, keep);
                        accLength += keep;
                    }
                } else {
                    if (accLength + chunk > acc.length) {
                        acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLength + chunk));
                    }
                    System.arraycopy(buffer, bufferPos, acc, accLength, chunk);
                    accLength += chunk;
                }
            }
            length += chunk;
            offset += chunk;
            bufferPos = chunkEnd;
            if (newline >= 0) {
                bufferPos++;
                offset++;
                return finish(start, acc, accLength, length, overlong, 1);
            }
        }
    }

    private Line finish(long start, byte[] acc, int accLength, long length, boolean overlong, int newline) {
        lineNumber++;
        int terminator = newline;
        int contentLength = accLength;
        long fullLength = length;
        if (newline == 1 && !overlong && accLength > 0 && acc[accLength - 1] == '\r') {
            contentLength--;
            fullLength--;
            terminator = 2;
        }
        return new Line(lineNumber, start, offset, Arrays.copyOf(acc, contentLength), terminator, fullLength, overlong);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        bufferPos = 0;
        bufferLimit = n;
        return true;
    }
}
