package org.sitroom.ingest.connect;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Outcome;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.format.RecordReader;
import org.sitroom.ingest.format.RecordReaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watched folder: files dropped into {@code inbox/} ({@code .jsonl}, {@code .csv}, {@code .tsv}, each read with
 * the mapping configured for its format) are read in chunks, oldest first, under a byte-offset cursor; a finished
 * file moves to {@code done/}, or to {@code failed/} when not one post in it could be read.
 *
 * <p>Cursor: {@code {"kind":"file-offset","file":"a.csv","offset":123,"lines":4,"posts":3,"complete":false}}
 * ({@code {"kind":"file-offset"}} alone between files). A finished file is moved on the fetch <em>after</em> the one
 * that finished it, once the caller has committed a cursor saying it is complete; so a crash never leaves a file in
 * {@code done/} whose last posts were not committed, and a restart resumes mid-file at the committed offset.
 *
 * <p>Files must appear in {@code inbox/} whole (written elsewhere, then moved in); as a guard against slow
 * writers, files younger than {@code minAge} wait, and names starting with {@code .} or ending in {@code .part} or
 * {@code .tmp} are ignored.
 */
public final class FileDropConnector implements Connector {

    private static final Logger log = LoggerFactory.getLogger(FileDropConnector.class);
    private static final String KIND = "file-offset";

    private final String sourceId;
    private final Path inbox;
    private final Path done;
    private final Path failed;
    private final Map<Format, ColumnMapping> mappings;
    private final Clock clock;
    private final Duration minAge;
    private final int maxLineBytes;

    /**
     * @param sourceId the source the posts are attributed to
     * @param folder   the folder holding {@code inbox/}, {@code done/} and {@code failed/} (created when missing)
     * @param mappings the mapping for each format accepted; files of other formats are left alone
     * @param clock    "now" for the future-time check and the file age
     * @param minAge   how long a file must sit unmodified before it is read
     */
    public FileDropConnector(String sourceId, Path folder, Map<Format, ColumnMapping> mappings, Clock clock,
                             Duration minAge) throws IOException {
        this(sourceId, folder, mappings, clock, minAge, RecordReaders.DEFAULT_MAX_LINE_BYTES);
    }

    /** As above, with a line limit other than {@link RecordReaders#DEFAULT_MAX_LINE_BYTES}. */
    public FileDropConnector(String sourceId, Path folder, Map<Format, ColumnMapping> mappings, Clock clock,
                             Duration minAge, int maxLineBytes) throws IOException {
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("a file drop needs a mapping for at least one format");
        }
        this.sourceId = sourceId;
        this.inbox = Files.createDirectories(folder.resolve("inbox"));
        this.done = Files.createDirectories(folder.resolve("done"));
        this.failed = Files.createDirectories(folder.resolve("failed"));
        this.mappings = new EnumMap<>(mappings);
        this.clock = clock;
        this.minAge = minAge;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    /** The folder files are dropped into. */
    public Path inbox() {
        return inbox;
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        if (maxPosts < 1) {
            throw new IllegalArgumentException("maxPosts must be positive");
        }
        ObjectNode state = CursorJson.read(cursor, KIND);
        String name = state == null ? null : CursorJson.text(state, "file");
        try {
            if (name != null && state.path("complete").asBoolean(false)) {
                finish(name, state.path("posts").asLong(0));
                name = null;
            }
            if (name != null && !Files.isRegularFile(inbox.resolve(name))) {
                log.warn("Source {}: file {} left the inbox before it was read to its end; going on with the next",
                        sourceId, name);
                name = null;
            }
            long offset = 0;
            long lines = 0;
            long postsSoFar = 0;
            if (name != null) {
                offset = state.path("offset").asLong(0);
                lines = state.path("lines").asLong(0);
                postsSoFar = state.path("posts").asLong(0);
                if (Files.size(inbox.resolve(name)) < offset) {
                    log.warn("Source {}: {} is now shorter than the stored offset {}: a different file under the "
                            + "same name; reading it from the start", sourceId, name, offset);
                    offset = 0;
                    lines = 0;
                    postsSoFar = 0;
                }
            } else {
                Optional<Path> next = nextFile();
                if (next.isEmpty()) {
                    return Batch.empty(CursorJson.write(CursorJson.create(KIND)));
                }
                name = next.get().getFileName().toString();
                log.info("Source {}: reading {}", sourceId, name);
            }
            return read(name, offset, lines, postsSoFar, maxPosts);
        } catch (IOException e) {
            throw new FetchException("file drop " + inbox + ": " + e.getMessage(), e);
        }
    }

    private Batch read(String name, long offset, long lines, long postsSoFar, int maxPosts) throws IOException {
        Path file = inbox.resolve(name);
        Format format = Format.ofFileName(name).orElseThrow();
        var settings = new RecordReaders.Settings(sourceId, format, mappings.get(format), clock, maxLineBytes);
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        boolean complete = false;
        long position;
        long linesRead;
        try (RecordReader reader = RecordReaders.open(file, settings, offset, lines)) {
            // Stop at maxPosts posts, or as many bad records, so one batch stays bounded even for a file of garbage.
            while (posts.size() < maxPosts && quarantined.size() < maxPosts) {
                Outcome outcome = reader.next();
                if (outcome == null) {
                    complete = true;
                    break;
                }
                switch (outcome) {
                    case Outcome.Accepted a -> posts.add(a.post());
                    case Outcome.Rejected r -> quarantined.add(r.quarantined());
                }
            }
            position = reader.position();
            linesRead = reader.linesRead();
            // Read to the last byte: complete now rather than after one more, empty, fetch.
            complete |= position >= Files.size(file);
        }
        ObjectNode next = CursorJson.create(KIND);
        next.put("file", name);
        next.put("offset", position);
        next.put("lines", linesRead);
        next.put("posts", postsSoFar + posts.size());
        next.put("complete", complete);
        // When complete, "more" asks for the fetch that moves the file and goes on with the next one.
        return new Batch(posts, quarantined, CursorJson.write(next), true);
    }

    /** Moves a file read to its end into done/ (or failed/ when it gave no post at all). */
    private void finish(String name, long posts) throws IOException {
        Path file = inbox.resolve(name);
        if (!Files.exists(file)) {
            return; // moved already, before a crash kept the next cursor from being committed
        }
        Path target = posts > 0 ? done : failed;
        Path moved = move(file, target);
        log.info("Source {}: {} finished with {} posts, moved to {}", sourceId, name, posts, moved);
    }

    private static Path move(Path file, Path folder) throws IOException {
        String name = file.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            Path target = folder.resolve(attempt == 0 ? name : name + "." + attempt);
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // an earlier file of the same name: keep both
            } catch (IOException e) {
                if (Files.exists(target)) {
                    continue;
                }
                return Files.move(file, target);
            }
        }
    }

    private Optional<Path> nextFile() throws IOException {
        Instant youngest = clock.instant().minus(minAge);
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> accepts(f.getFileName().toString()))
                    .filter(f -> minAge.isZero() || modified(f).compareTo(youngest) <= 0)
                    .min(Comparator.comparing(FileDropConnector::modified).thenComparing(Path::getFileName));
        }
    }

    private boolean accepts(String name) {
        if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")) {
            return false;
        }
        return Format.ofFileName(name).map(mappings::containsKey).orElse(false);
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            return Instant.MAX;
        } catch (IOException e) {
            return Instant.MAX;
        }
    }
}
