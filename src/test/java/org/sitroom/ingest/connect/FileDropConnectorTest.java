package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.testing.Datasets;

class FileDropConnectorTest {

    private static final ColumnMapping CSV = ColumnMapping.of("id", "time", "text").withAuthor("author");
    private static final ColumnMapping JSONL = ColumnMapping.DEMO_JSONL;

    @TempDir
    Path folder;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-14T12:00:00Z"));

    private FileDropConnector connector() throws IOException {
        return new FileDropConnector("drop", folder, Map.of(Format.CSV, CSV, Format.JSONL, JSONL,
                Format.TSV, ColumnMapping.MEDIAEVAL_VMU), clock, Duration.ZERO);
    }

    private static String csv(int from, int to, boolean withBad) {
        StringBuilder s = new StringBuilder("id,author,time,text\n");
        for (int i = from; i < to; i++) {
            s.append(i).append(",user").append(i).append(",2026-03-14T10:00:00Z,post ").append(i).append('\n');
            if (withBad && i % 4 == 0) {
                s.append("bad").append(i).append(",x\n");
            }
        }
        return s.toString();
    }

    @Test
    void readsAFileInChunksThenMovesItToDone() throws Exception {
        FileDropConnector drop = connector();
        Files.writeString(drop.inbox().resolve("a.csv"), csv(0, 10, true));

        List<String> ids = new ArrayList<>();
        List<Quarantined> bad = new ArrayList<>();
        Cursor cursor = Cursor.START;
        int fetches = 0;
        Batch batch;
        do {
            batch = drop.fetch(cursor, 4);
            batch.posts().forEach(p -> ids.add(p.externalId()));
            bad.addAll(batch.quarantined());
            cursor = batch.next();
            fetches++;
        } while (batch.more() && fetches < 20);

        assertThat(ids).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(bad).extracting(Quarantined::reason).containsExactly(
                "line 3: expected 4 columns, found 2", "line 8: expected 4 columns, found 2",
                "line 13: expected 4 columns, found 2");
        assertThat(drop.inbox().resolve("a.csv")).doesNotExist();
        assertThat(folder.resolve("done/a.csv")).exists();
        assertThat(cursor.value()).isEqualTo("{\"kind\":\"file-offset\"}");
        assertThat(drop.fetch(cursor, 4).posts()).isEmpty();
    }

    @Test
    void aRestartResumesAtTheCommittedOffsetLosingAndRepeatingNothing() throws Exception {
        FileDropConnector first = connector();
        Files.writeString(first.inbox().resolve("b.csv"), csv(0, 9, false));
        Batch one = first.fetch(Cursor.START, 3);
        // The second batch is read but the process dies before its transaction commits.
        Batch lost = first.fetch(one.next(), 3);
        String committed = one.next().value();

        FileDropConnector restarted = connector();
        Batch again = restarted.fetch(Cursor.of(committed), 3);
        assertThat(again.posts()).isEqualTo(lost.posts());
        assertThat(again.next()).isEqualTo(lost.next());

        Set<String> ids = new HashSet<>();
        one.posts().forEach(p -> ids.add(p.externalId()));
        Cursor cursor = again.next();
        again.posts().forEach(p -> assertThat(ids.add(p.externalId())).isTrue());
        Batch b;
        do {
            b = restarted.fetch(cursor, 3);
            b.posts().forEach(p -> assertThat(ids.add(p.externalId())).as("no duplicate").isTrue());
            cursor = b.next();
        } while (b.more());
        assertThat(ids).hasSize(9);
    }

    @Test
    void aCrashAfterTheMoveIsHarmless() throws Exception {
        FileDropConnector drop = connector();
        Files.writeString(drop.inbox().resolve("c.csv"), csv(0, 2, false));
        Files.writeString(drop.inbox().resolve("d.csv"), csv(100, 102, false));
        Files.setLastModifiedTime(drop.inbox().resolve("d.csv"),
                java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-14T11:00:00Z")));
        Files.setLastModifiedTime(drop.inbox().resolve("c.csv"),
                java.nio.file.attribute.FileTime.from(Instant.parse("2026-03-14T10:00:00Z")));
        Batch c = drop.fetch(Cursor.START, 10);
        assertThat(c.posts()).extracting(IncomingPost::externalId).containsExactly("0", "1");
        // This fetch moves c.csv and reads d.csv, but its batch is never committed...
        drop.fetch(c.next(), 10);
        assertThat(folder.resolve("done/c.csv")).exists();
        // ...so after the restart the same complete cursor comes back: c.csv is gone already, d.csv is read.
        Batch d = connector().fetch(c.next(), 10);
        assertThat(d.posts()).extracting(IncomingPost::externalId).containsExactly("100", "101");
    }

    @Test
    void aFileWithNothingReadableGoesToFailed() throws Exception {
        FileDropConnector drop = connector();
        Files.writeString(drop.inbox().resolve("e.jsonl"), "not json\n{\"id\": 1}\n");
        Batch b = drop.fetch(Cursor.START, 10);
        assertThat(b.posts()).isEmpty();
        assertThat(b.quarantined()).extracting(Quarantined::reason)
                .containsExactly("line 1: invalid JSON at column 1: Unrecognized token 'not': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        "line 2: missing field 'text'");
        drop.fetch(b.next(), 10);
        assertThat(folder.resolve("failed/e.jsonl")).exists();
        assertThat(folder.resolve("done/e.jsonl")).doesNotExist();
    }

    @Test
    void waitsForYoungFilesAndIgnoresPartialAndUnknownOnes() throws Exception {
        FileDropConnector drop = new FileDropConnector("drop", folder, Map.of(Format.CSV, CSV), clock,
                Duration.ofSeconds(30));
        Path young = Files.writeString(drop.inbox().resolve("f.csv"), csv(0, 1, false));
        Files.setLastModifiedTime(young, java.nio.file.attribute.FileTime.from(clock.instant().minusSeconds(5)));
        Files.writeString(drop.inbox().resolve("g.csv.part"), csv(0, 1, false));
        Files.writeString(drop.inbox().resolve("h.jsonl"), "{}\n"); // no JSONL mapping configured here
        Files.writeString(drop.inbox().resolve(".hidden.csv"), csv(0, 1, false));

        assertThat(drop.fetch(Cursor.START, 10).posts()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Batch b = drop.fetch(Cursor.START, 10);
        assertThat(b.posts()).extracting(IncomingPost::externalId).containsExactly("0");
        assertThat(b.next().value()).contains("\"file\":\"f.csv\"");
    }

    @Test
    void aCursorOfAnotherConnectorIsAFailedFetch() throws Exception {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(FetchException.class,
                () -> connector().fetch(new Cursor("{\"kind\":\"replay\",\"index\":3}"), 10));
        assertThat(e).hasMessageContaining("not a 'file-offset' cursor");
    }

    @Test
    void theMediaEvalDatasetThroughTheDropFolder() throws Exception {
        FileDropConnector drop = connector();
        // A link, not a copy: the dataset stays where it is; moving the link leaves it untouched.
        Files.createSymbolicLink(drop.inbox().resolve("mediaeval.tsv"), Datasets.mediaEvalPosts());
        Set<String> ids = new HashSet<>();
        int quarantined = 0;
        Cursor cursor = Cursor.START;
        Batch b;
        int fetches = 0;
        do {
            b = drop.fetch(cursor, 5000);
            b.posts().forEach(p -> ids.add(p.externalId()));
            quarantined += b.quarantined().size();
            cursor = b.next();
            fetches++;
        } while (b.more());
        assertThat(ids).hasSize(15_629);
        assertThat(quarantined).isZero();
        assertThat(fetches).isEqualTo(5); // 4 batches of up to 5000, then the fetch that moves the file
        assertThat(Files.isSymbolicLink(folder.resolve("done/mediaeval.tsv"))).isTrue();
        assertThat(Datasets.mediaEvalPosts()).exists();
    }
}
