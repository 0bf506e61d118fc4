package org.sitroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sitroom.testing.Datasets;

/** The tweet texts of CrisisLexT26 ({@code *_labeled.csv}, column "Tweet Text"), read in place, never copied. */
public final class CrisisLexTexts {

    private CrisisLexTexts() {
    }

    /** All events, in event-name order, texts in file order. */
    public static List<String> all() {
        try (Stream<Path> events = Files.list(Datasets.crisisLexT26())) {
            List<String> texts = new ArrayList<>();
            for (Path event : events.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(event)) {
                    for (Path csv : files.filter(f -> f.getFileName().toString().endsWith("_labeled.csv")).sorted()
                            .toList()) {
                        texts.addAll(read(csv));
                    }
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event, e.g. {@code 2013_Boston_bombings}. */
    public static List<String> event(String name) {
        Path dir = Datasets.crisisLexT26().resolve(name);
        return read(dir.resolve(name + "-tweets_labeled.csv"));
    }

    static List<String> read(Path csv) {
        List<List<String>> rows;
        try {
            rows = parse(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        int column = -1;
        List<String> header = rows.getFirst();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase("Tweet Text")) {
                column = i;
            }
        }
        if (column < 0) {
            throw new IllegalStateException(csv + " has no 'Tweet Text' column: " + header);
        }
        List<String> texts = new ArrayList<>(rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > column) {
                texts.add(row.get(column));
            }
        }
        return texts;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String content) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || !field.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
