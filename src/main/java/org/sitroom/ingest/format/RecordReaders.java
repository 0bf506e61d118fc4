package org.sitroom.ingest.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Opens {@link RecordReader}s for JSONL, CSV and TSV input, from the start or resuming at a byte offset. */
public final class RecordReaders {

    /** The longest line (or quoted multi-line record) read whole; longer ones are quarantined. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    /**
     * What to read and how.
     *
     * @param sourceId     the source the posts are attributed to
     * @param format       the record format, or null for the mapping's (and then the file name's)
     * @param mapping      which field is which
     * @param clock        "now" for the future-time check
     * @param maxLineBytes the longest line read whole
     */
    public record Settings(String sourceId, Format format, ColumnMapping mapping, Clock clock, int maxLineBytes) {
        public Settings {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(mapping, "mapping");
            Objects.requireNonNull(clock, "clock");
            if (maxLineBytes < 1024) {
                throw new IllegalArgumentException("maxLineBytes must be at least 1024");
            }
        }

        /** Settings with the default line limit and the mapping's own format. */
        public Settings(String sourceId, ColumnMapping mapping, Clock clock) {
            this(sourceId, mapping.format(), mapping, clock, DEFAULT_MAX_LINE_BYTES);
        }

        /** The format for a file of this name: this one's, else the mapping's, else the file name's. */
        Format formatFor(String fileName) {
            if (format != null) {
                return format;
            }
            if (mapping.format() != null) {
                return mapping.format();
            }
            return Format.ofFileName(fileName).orElseThrow(() -> new IllegalArgumentException(
                    "cannot tell the format of '" + fileName + "': name it .jsonl, .csv or .tsv, or set 'format'"));
        }
    }

    /** Everything a whole input held. */
    public record Report(List<IncomingPost> posts, List<Quarantined> quarantined) {
        public Report {
            posts = List.copyOf(posts);
            quarantined = List.copyOf(quarantined);
        }
    }

    private RecordReaders() {
    }

    /** A reader of a whole stream in a known format (the settings' or the mapping's). */
    public static RecordReader open(InputStream in, Settings settings) {
        Format format = settings.formatFor("");
        return create(new BufferedInputStream(in, 8192), format, settings, 0, 0, null);
    }

    /**
     * A reader of a file starting at {@code offset}, a position some earlier reader returned, with
     * {@code linesBefore} lines before it. For CSV/TSV, the header is read from the file's start first.
     */
    public static RecordReader open(Path file, Settings settings, long offset, long linesBefore) throws IOException {
        Format format = settings.formatFor(file.getFileName().toString());
        List<String> header = null;
        if (offset > 0 && format != Format.JSONL) {
            try (RecordReader headerReader = create(Channels.newInputStream(FileChannel.open(file)), format, settings,
                    0, 0, null)) {
                Outcome first = headerReader.next();
                header = headerReader.header();
                if (header.isEmpty()) {
                    throw new IOException(file + ": the header cannot be read any more"
                            + (first instanceof Outcome.Rejected r ? ": " + r.quarantined().reason() : ""));
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
            return create(Channels.newInputStream(channel), format, settings, offset, linesBefore, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads a whole file into posts and quarantined records. */
    public static Report readAll(Path file, Settings settings) throws IOException {
        List<IncomingPost> posts = new ArrayList<>();
        List<Quarantined> quarantined = new ArrayList<>();
        try (RecordReader reader = open(file, settings, 0, 0)) {
            for (Outcome o = reader.next(); o != null; o = reader.next()) {
                switch (o) {
                    case Outcome.Accepted a -> posts.add(a.post());
                    case Outcome.Rejected r -> quarantined.add(r.quarantined());
                }
            }
        }
        return new Report(posts, quarantined);
    }

    private static RecordReader create(InputStream in, Format format, Settings s, long offset, long lines,
                                       List<String> header) {
        return switch (format) {
            case JSONL -> new JsonlRecordReader(in, s.sourceId(), s.mapping(), s.clock(), offset, lines,
                    s.maxLineBytes());
            case CSV, TSV -> new DelimitedRecordReader(in, format, s.sourceId(), s.mapping(), s.clock(), offset, lines,
                    s.maxLineBytes(), header);
        };
    }

    static String position(BoundedLineReader.Line line) {
        return "line " + line.number() + " (byte " + line.start() + ")";
    }

    static String describeLimit(int maxLineBytes) {
        if (maxLineBytes % (1024 * 1024) == 0) {
            return (maxLineBytes / (1024 * 1024)) + " MiB";
        }
        if (maxLineBytes % 1024 == 0) {
            return (maxLineBytes / 1024) + " KiB";
        }
        return maxLineBytes + " bytes";
    }

    /** The bytes without a leading UTF-8 byte-order mark. */
    static byte[] stripBom(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return bytes;
    }
}
