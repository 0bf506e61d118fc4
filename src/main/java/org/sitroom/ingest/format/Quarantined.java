package org.sitroom.ingest.format;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A record that could not be read, kept aside with why and where, so an operator can see it and nothing is lost
 * silently. Reading continues with the next record.
 *
 * @param sourceId  the configured source it came from
 * @param position  where it was: {@code line 17 (byte 2345)}, {@code byte 1234}, {@code page <request> item 3}
 * @param reason    what was wrong, specific and self-contained: {@code line 17: missing column 'text'}
 * @param raw       the record's first bytes as read (at most {@link #MAX_RAW_BYTES}); defensively copied
 * @param rawLength the record's full length in bytes, which may exceed {@code raw.length}
 */
public record Quarantined(String sourceId, String position, String reason, byte[] raw, long rawLength) {

    /** How much of a bad record is kept: enough to recognise it, never the whole of a 5 MB line. */
    public static final int MAX_RAW_BYTES = 4096;

    public Quarantined {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? new byte[0] : Arrays.copyOf(raw, Math.min(raw.length, MAX_RAW_BYTES));
        rawLength = Math.max(rawLength, raw.length);
    }

    /** A quarantined record whose raw bytes are given whole (they are capped here). */
    public static Quarantined of(String sourceId, String position, String reason, byte[] raw) {
        return new Quarantined(sourceId, position, reason, raw, raw == null ? 0 : raw.length);
    }

    /** The kept raw bytes (a copy). */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Whether the kept raw bytes are only the start of the record. */
    public boolean rawTruncated() {
        return rawLength > raw.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quarantined q && sourceId.equals(q.sourceId) && position.equals(q.position)
                && reason.equals(q.reason) && Arrays.equals(raw, q.raw) && rawLength == q.rawLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, position, reason, Arrays.hashCode(raw), rawLength);
    }

    @Override
    public String toString() {
        int shown = Math.min(raw.length, 32);
        return "Quarantined[" + sourceId + ", " + position + ", " + reason + ", raw=" + rawLength + " bytes "
                + HexFormat.of().formatHex(raw, 0, shown) + (raw.length > shown ? "..." : "") + "]";
    }
}
