package org.sitroom.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sitroom.ingest.format.Format;

/** The header line of a CSV/TSV file, kept with its quarantined records so a re-run can parse them alone. */
final class HeaderLine {

    private static final int MAX = 8000;

    private HeaderLine() {
    }

    /** The first line of a CSV/TSV file (BOM removed), or null for JSONL or when it cannot be read. */
    static String of(Path file) {
        Format format = Format.ofFileName(file.getFileName().toString()).orElse(null);
        if (format == null || format == Format.JSONL || !Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX);
            int end = 0;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, 0, end, StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (IOException e) {
            return null;
        }
    }
}
