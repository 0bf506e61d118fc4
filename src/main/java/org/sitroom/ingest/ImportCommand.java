package org.sitroom.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.pipeline.FileImporter;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sitroom import --situation NAME --format mediaeval|crisislex|jsonl|csv [--mapping FILE] FILE... [--json]}:
 * reads files into a situation (created when unknown) through the ingest pipeline. Resumes an interrupted import of
 * the same file where its last batch committed. Exit code 1 only when nothing could be read.
 */
@Component
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import posts from files into a situation (created when unknown).")
class ImportCommand implements Callable<Integer> {

    @Option(names = "--situation", required = true, description = "situation id or name")
    String situation;

    @Option(names = "--format", required = true, description = "mediaeval, crisislex, jsonl or csv")
    String format;

    @Option(names = "--mapping", description = "a column mapping file (.yml or .properties) for jsonl or csv")
    Path mapping;

    @Option(names = "--source", description = "the source id posts are filed under (default import-FORMAT-SITUATION)")
    String source;

    @Option(names = "--json", description = "print only {\"imported\":N,\"duplicates\":N,\"quarantined\":N,\"seconds\":S}")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to import")
    List<Path> files;

    private final FileImporter importer;

    ImportCommand(FileImporter importer) {
        this.importer = importer;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ColumnMapping columns;
        try {
            columns = FileImporter.mapping(format, mapping);
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        // A progress bar only on a terminal: piped output and --json stay clean.
        ProgressBar bar = System.console() != null && !json ? new ProgressBar(err) : null;
        FileImporter.Summary s = importer.importFiles(situation, format.toLowerCase(Locale.ROOT), columns, files, source,
                bar == null ? null : bar::update);
        if (bar != null) {
            bar.finish();
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"imported\":%d,\"duplicates\":%d,\"quarantined\":%d,\"seconds\":%.3f}%n",
                    s.imported(), s.duplicates(), s.quarantined(), s.seconds());
        } else {
            s.problems().forEach(p -> err.println("import: " + p));
            out.printf(Locale.ROOT, "Imported %d posts into '%s' (%d duplicates skipped, %d records quarantined) "
                            + "from %d of %d files in %.1f s%n", s.imported(), situation, s.duplicates(),
                    s.quarantined(), s.filesRead(), files.size(), s.seconds());
        }
        return s.imported() + s.duplicates() == 0 ? 1 : 0;
    }

    /** {@code [#########           ]  45%  9,000 posts  850/s} redrawn in place. */
    private static final class ProgressBar {
        private final PrintStream err;
        private final long started = System.nanoTime();
        private long lastDraw;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        void update(long done, long total, long posts) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && done < total) {
                return; // at most ten redraws a second
            }
            lastDraw = now;
            int width = 30;
            double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
            int filled = (int) Math.round(share * width);
            double seconds = Math.max(1e-3, (now - started) / 1e9);
            err.printf(Locale.ROOT, "\r[%s%s] %3d%%  %,d posts  %,.0f/s ", "#".repeat(filled), " ".repeat(width - filled),
                    Math.round(share * 100), posts, posts / seconds);
            err.flush();
        }

        void finish() {
            err.println();
        }
    }
}
