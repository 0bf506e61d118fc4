package org.sitroom.ingest.connect;

import java.util.Objects;

/**
 * Where a source's reading stands: an opaque string (compact JSON, its {@code kind} naming the connector's cursor
 * type) that the caller stores in the same database transaction as the batch it came with, and hands back on the
 * next fetch. After a crash the last committed cursor is fetched again: nothing is lost, and what is fetched twice
 * is absorbed by writes being idempotent by (source, external id).
 *
 * @param value the cursor's text; empty for {@link #START}
 */
public record Cursor(String value) {

    /** No reading yet: a connector starts where its configuration says (the beginning, or "now"). */
    public static final Cursor START = new Cursor("");

    public Cursor {
        Objects.requireNonNull(value, "value");
    }

    /** Whether this is {@link #START}. */
    public boolean isStart() {
        return value.isEmpty();
    }

    /** The cursor stored as {@code value}, where null or empty means {@link #START}. */
    public static Cursor of(String value) {
        return value == null || value.isEmpty() ? START : new Cursor(value);
    }
}
