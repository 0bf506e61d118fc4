package org.sitroom.ingest.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.sitroom.ingest.IngestSettings;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.connect.Cursor;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Outcome;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.format.RecordReader;
import org.sitroom.ingest.format.RecordReaders;
import org.sitroom.ingest.situations.Ids;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports files into a situation ({@code sitroom import}) through the same pipeline as scheduled sources: batches
 * of posts to the store, then batch, quarantine and cursor in one transaction. The cursor (byte offset and line
 * count per file, under the import source) makes an interrupted import resume where its last batch committed; a
 * file imported to its end is read again from the start by a new import (its posts then count as duplicates).
 */
public class FileImporter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an import did. {@code filesRead} counts files that could be opened and read. */
    public record Summary(long imported, long duplicates, long quarantined, long filesRead, long filesFailed,
                          double seconds, List<String> problems) {
    }

    /** Told after every batch: bytes read of all files so far, of how many, and posts so far. */
    public interface Progress {
        void update(long bytesDone, long bytesTotal, long posts);
    }

    private final SituationStore situations;
    private final IngestLedger ledger;
    private final IngestPipeline pipeline;
    private final SourceRunner runner;
    private final IngestSettings settings;
    private final IngestClock clock;

    FileImporter(SituationStore situations, IngestLedger ledger, IngestPipeline pipeline, SourceRunner runner,
                 IngestSettings settings, IngestClock clock) {
        this.situations = situations;
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /** The mapping for {@code --format} and {@code --mapping}. */
    public static ColumnMapping mapping(String format, Path mappingFile) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        ColumnMapping mapping = mappingFile != null ? ColumnMapping.load(mappingFile) : switch (f) {
            case "mediaeval" -> ColumnMapping.MEDIAEVAL_VMU;
            case "crisislex" -> ColumnMapping.CRISISLEX_T26;
            case "jsonl" -> ColumnMapping.DEMO_JSONL;
            case "csv", "tsv" -> throw new IllegalArgumentException("--format " + f + " needs --mapping FILE (which "
                    + "column is id, time, text, ...)");
            default -> throw new IllegalArgumentException("unknown format '" + format
                    + "' (mediaeval, crisislex, jsonl or csv)");
        };
        return switch (f) {
            case "mediaeval" -> mapping.withFormat(Format.TSV);
            case "crisislex", "csv" -> mapping.withFormat(Format.CSV);
            case "jsonl" -> mapping.withFormat(Format.JSONL);
            case "tsv" -> mapping.withFormat(Format.TSV);
            default -> mapping;
        };
    }

    /** The import source of a situation for a format: {@code import-FORMAT-SITUATION}. */
    public static String sourceId(String format, String situationId) {
        String id = "import-" + format.toLowerCase(Locale.ROOT) + "-" + situationId;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    public Summary importFiles(String situationName, String format, ColumnMapping mapping, List<Path> files,
                               String sourceIdOrNull, Progress progress) {
        long started = System.nanoTime();
        Situation situation = situations.ensureSituation(situationName);
        String sourceId = sourceIdOrNull != null ? sourceIdOrNull : sourceId(format, situation.id());
        String problem = Ids.problem(sourceId);
        if (problem != null) {
            throw new IllegalArgumentException("source " + problem);
        }
        Map<String, Object> sourceSettings = new LinkedHashMap<>();
        sourceSettings.put("format", mapping.format().name().toLowerCase(Locale.ROOT));
        sourceSettings.put("mapping", MappingMaps.toMap(mapping));
        situations.ensureImportSource(sourceId, situation.id(), sourceSettings);
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // counted as failed below
            }
        }
        long imported = 0;
        long duplicates = 0;
        long quarantined = 0;
        long read = 0;
        long failed = 0;
        long doneBytes = 0;
        List<String> problems = new ArrayList<>();
        ReentrantLock lock = runner.lock(sourceId);
        lock.lock();
        try {
            for (Path file : files) {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    failed++;
                    problems.add(file + ": cannot be read: " + e.getMessage());
                    continue;
                }
                String stream = file.toAbsolutePath().normalize().toString();
                var rs = new RecordReaders.Settings(sourceId, mapping.format(), mapping, clock,
                        RecordReaders.DEFAULT_MAX_LINE_BYTES);
                long[] resume = resumeAt(ledger.cursor(sourceId, stream), size, file);
                String header = HeaderLine.of(file) == null && mapping.format() != Format.JSONL
                        ? firstLine(file) : HeaderLine.of(file);
                String formatName = mapping.format().name().toLowerCase(Locale.ROOT);
                try (RecordReader reader = RecordReaders.open(file, rs, resume[0], resume[1])) {
                    boolean end = false;
                    while (!end) {
                        List<IncomingPost> posts = new ArrayList<>();
                        List<Quarantined> bad = new ArrayList<>();
                        long t0 = System.nanoTime();
                        while (posts.size() < settings.batchSize() && bad.size() < settings.batchSize()) {
                            Outcome o = reader.next();
                            if (o == null) {
                                end = true;
                                break;
                            }
                            switch (o) {
                                case Outcome.Accepted a -> posts.add(a.post());
                                case Outcome.Rejected r -> bad.add(r.quarantined());
                            }
                        }
                        pipeline.times().add(StageTimes.Stage.PARSE, System.nanoTime() - t0);
                        end |= reader.position() >= size;
                        Cursor next = cursor(reader.position(), reader.linesRead(), end, size, file);
                        IngestPipeline.Outcome out = pipeline.process(sourceId, situation, stream, posts, bad, next,
                                formatName, header);
                        imported += out.added();
                        duplicates += out.redelivered();
                        quarantined += out.quarantined();
                        if (progress != null) {
                            progress.update(doneBytes + reader.position(), total, imported + duplicates);
                        }
                    }
                    read++;
                } catch (IOException e) {
                    failed++;
                    problems.add(file + ": " + e.getMessage());
                }
                doneBytes += size;
            }
        } finally {
            lock.unlock();
        }
        return new Summary(imported, duplicates, quarantined, read, failed, (System.nanoTime() - started) / 1e9,
                List.copyOf(problems));
    }

    /** Where to start in a file: its committed offset, or 0 when it is new, changed or was read to its end. */
    private static long[] resumeAt(Cursor cursor, long size, Path file) {
        if (cursor.isStart()) {
            return new long[] {0, 0};
        }
        JsonNode c = JSON.readTree(cursor.value());
        long offset = c.path("offset").asLong(0);
        boolean same = c.path("size").asLong(-1) == size && c.path("modified").asLong(-1) == modified(file);
        if (!same || c.path("complete").asBoolean(false) || offset > size) {
            return new long[] {0, 0};
        }
        return new long[] {offset, c.path("lines").asLong(0)};
    }

    private static Cursor cursor(long offset, long lines, boolean complete, long size, Path file) {
        ObjectNode c = JSON.createObjectNode();
        c.put("kind", "import");
        c.put("offset", offset);
        c.put("lines", lines);
        c.put("complete", complete);
        c.put("size", size);
        c.put("modified", modified(file));
        return new Cursor(JSON.writeValueAsString(c));
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The first line of any file given as CSV/TSV whatever its name (an import may name .txt files so). */
    private static String firstLine(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8000);
            int end = 0;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, 0, end, java.nio.charset.StandardCharsets.UTF_8).replace("\r", "");
            return line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (IOException e) {
            return null;
        }
    }
}
