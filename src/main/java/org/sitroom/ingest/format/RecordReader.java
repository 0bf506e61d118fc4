package org.sitroom.ingest.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads records one at a time from a file or stream. A malformed record never throws: it comes back as
 * {@link Outcome.Rejected} and reading goes on with the next one. Only a failure of the input itself (a disk
 * error) is an {@link IOException}.
 */
public interface RecordReader extends Closeable {

    /** The next record's outcome, or null when no further record can be read. */
    Outcome next() throws IOException;

    /** The byte offset just past the last record returned: where a later reader resumes. */
    long position();

    /** How many lines lie before {@link #position()} (to number lines on after a resume). */
    long linesRead();

    /** The header names of a CSV/TSV input, once read (empty for JSONL or before the header). */
    java.util.List<String> header();
}
