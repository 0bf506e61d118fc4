package org.sitroom.ingest.format;

import java.util.Locale;
import java.util.Optional;

/** The record formats a file can hold. */
public enum Format {
    /** One JSON object per line. */
    JSONL,
    /** Comma-separated values with a header line (RFC 4180 quoting). */
    CSV,
    /** Tab-separated values with a header line (no quoting unless a mapping asks for it). */
    TSV;

    /** The format a file name announces ({@code .jsonl}/{@code .ndjson}, {@code .csv}, {@code .tsv}/{@code .tab}), if any. */
    public static Optional<Format> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Optional.of(TSV);
        }
        return Optional.empty();
    }

    /** Parses {@code jsonl}, {@code csv} or {@code tsv} in any case. */
    public static Format named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json-lines" -> JSONL;
            case "csv" -> CSV;
            case "tsv", "tab" -> TSV;
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (expected jsonl, csv or tsv)");
        };
    }
}
