package org.sitroom.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sitroom.testing.Datasets;

/** The ~88k real tweets of CrisisLexT26 ({@code *-tweets_labeled.csv}) and CrisisLexT6 ({@code *-ontopic_offtopic.csv}). */
final class CrisisLexTweets {

    /** @param onTopic false for T6's off-topic tweets */
    record Tweet(String id, String event, String text, Instant time, boolean onTopic) {
    }

    private CrisisLexTweets() {
    }

    static List<Tweet> t26AndT6() throws IOException {
        List<Tweet> out = new ArrayList<>();
        read(Datasets.crisisLexT26(), "_labeled.csv", "tweet id", "tweet text", null, out);
        read(Datasets.crisisLexT6(), "_offtopic.csv", "tweet id", "tweet", "label", out);
        return out;
    }

    private static void read(Path root, String suffix, String idColumn, String textColumn, String labelColumn,
                             List<Tweet> out) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
        for (Path file : files) {
            String event = file.getParent().getFileName().toString();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180)) {
                List<String> header = null;
                for (CSVRecord r : parser) {
                    if (header == null) {
                        header = r.stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT)).toList();
                        continue;
                    }
                    String id = r.get(header.indexOf(idColumn)).replace("'", "").trim();
                    long snowflake = Long.parseLong(id);
                    boolean onTopic = labelColumn == null || !r.get(header.indexOf(labelColumn)).trim().equals("off-topic");
                    out.add(new Tweet(event + "/" + id, event, r.get(header.indexOf(textColumn)),
                            Instant.ofEpochMilli((snowflake >> 22) + 1288834974657L), onTopic));
                }
            }
        }
    }
}
