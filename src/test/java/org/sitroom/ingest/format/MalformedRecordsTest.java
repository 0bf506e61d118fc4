package org.sitroom.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over 200 malformed records of every kind, mixed with good ones, in JSONL, CSV and TSV: each bad one is quarantined
 * with its own reason and position, every good one is read, and no exception escapes.
 */
class MalformedRecordsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC);
    private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28};

    @TempDir
    Path dir;

    /** Writes a file line by line, remembering what each line should come out as. */
    static final class Script {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String[]> bad = new ArrayList<>(); // line, byte, reason fragment
        final Set<String> goodIds = new LinkedHashSet<>();
        int line;

        long offset() {
            return out.size();
        }

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
            out.write('\n');
            line++;
        }

        void text(String s) {
            raw(s.getBytes(StandardCharsets.UTF_8));
        }

        void good(String id, String s) {
            text(s);
            goodIds.add(id);
        }

        void bad(String s, String reason) {
            bad.add(new String[] {Integer.toString(line + 1), Long.toString(offset()), reason});
            text(s);
        }

        /** A bad line with invalid UTF-8 inserted after {@code before}; the reason names the exact byte. */
        void badUtf8(String before, String after) {
            byte[] head = before.getBytes(StandardCharsets.UTF_8);
            long badByte = offset() + head.length;
            bad.add(new String[] {Integer.toString(line + 1), Long.toString(offset()),
                    "invalid UTF-8 at byte " + badByte});
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(head);
            b.writeBytes(BAD_UTF8);
            b.writeBytes(after.getBytes(StandardCharsets.UTF_8));
            raw(b.toByteArray());
        }

        /** A line of {@code size} bytes, streamed (the test never holds it in one string either). */
        void huge(String prefix, long size) throws IOException {
            bad.add(new String[] {Integer.toString(line + 1), Long.toString(offset()),
                    "line longer than 1 MiB (" + Utf8.humanSize(size) + ")"});
            byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
            out.write(head);
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            long left = size - head.length;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
            out.write('\n');
            line++;
        }

        Path save(Path file) throws IOException {
            try (OutputStream o = Files.newOutputStream(file)) {
                out.writeTo(o);
            }
            return file;
        }
    }

    @Test
    void jsonlQuarantinesEachMalformedLineAndReadsTheRest() throws IOException {
        jsonl();
    }

    @Test
    void csvQuarantinesEachMalformedRecordAndReadsTheRest() throws IOException {
        csv();
    }

    @Test
    void tsvQuarantinesEachMalformedRecordAndReadsTheRest() throws IOException {
        tsv();
    }

    @Test
    void atLeastTwoHundredMalformedRecordsAcrossTheFormats() throws IOException {
        int quarantined = jsonl().quarantined().size() + csv().quarantined().size() + tsv().quarantined().size();
        assertThat(quarantined).isGreaterThanOrEqualTo(200);
    }

    private RecordReaders.Report jsonl() throws IOException {
        Script s = new Script();
        int n = 0;
        for (int i = 0; i < 8; i++) {
            s.good("j" + n, json("j" + n++, "alice", "2026-03-14T10:00:00Z", "fine " + i));
            s.bad("{\"id\": \"x" + i + "\", \"text\": \"cut mid-wa", "invalid JSON");
            s.bad("[1, 2, 3]", "not a JSON object but array");
            s.badUtf8("{\"id\": \"u" + i + "\", \"time\": \"2026-03-14T10:00:00Z\", \"text\": \"caf", "\"}");
            s.good("j" + n, json("j" + n++, "bob", "1773482400", "epoch seconds " + i));
            s.bad("{\"time\": \"2026-03-14T10:00:00Z\", \"text\": \"no id\"}", "missing field 'id'");
            s.bad("{\"id\": \"t" + i + "\", \"time\": \"2026-03-14T10:00:00Z\"}", "missing field 'text'");
            s.bad("{\"id\": \"m" + i + "\", \"text\": \"no time\"}", "missing field 'time'");
            s.bad("{\"id\": \"n" + i + "\", \"text\": null, \"time\": \"2026-03-14T10:00:00Z\"}",
                    "missing field 'text'");
            s.good("j" + n, json("j" + n++, "carol", "1773482400000", "<script>alert('kept as text')</script>"));
            s.bad(json("e" + i, "dave", "2026-03-14T10:00:00Z", "   \t "), "empty text in field 'text'");
            s.bad(json("y" + i, "dave", "yesterday", "hello"), "unparseable time 'yesterday' in field 'time'");
            s.bad(json("f" + i, "dave", "2099-01-01T00:00:00Z", "hello"),
                    "time '2099-01-01T00:00:00Z' is more than 1 day in the future");
            s.bad("{\"id\": \"o" + i + "\", \"text\": {\"nested\": true}, \"time\": \"2026-03-14T10:00:00Z\"}",
                    "field 'text' is an object, not a value");
            s.bad(json("g" + i, "dave", "2026-03-14T10:00:00Z", "trailing") + " garbage", "invalid JSON");
            s.bad(json("", "dave", "2026-03-14T10:00:00Z", "no id"), "empty id in field 'id'");
            s.good("j" + n, json("j" + n++, "erin", "Sat Mar 14 09:00:00 +0000 2026", "twitter time " + i));
            s.text("");
        }
        s.huge("{\"id\": \"huge\", \"text\": \"", 5_000_000);
        s.good("after-huge", json("after-huge", "frank", "2026-03-14T11:59:00Z", "read after the 5 MB line"));

        var report = read(s.save(Files.createTempFile(dir, "posts", ".jsonl")), ColumnMapping.of("id", "time", "text")
                .withAuthor("author"));

        assertMatches(s, report);
        assertThat(report.quarantined()).hasSize(8 * 13 + 1);
        IncomingPost script = report.posts().stream().filter(p -> p.text().contains("<script>")).findFirst()
                .orElseThrow();
        assertThat(script.text()).isEqualTo("<script>alert('kept as text')</script>");
        Quarantined huge = report.quarantined().stream().filter(q -> q.reason().contains("longer")).findFirst()
                .orElseThrow();
        assertThat(huge.rawLength()).isEqualTo(5_000_000);
        assertThat(huge.raw()).hasSize(Quarantined.MAX_RAW_BYTES);
        assertThat(huge.rawTruncated()).isTrue();
        return report;
    }

    private RecordReaders.Report csv() throws IOException {
        Script s = new Script();
        s.text("id,author,time,text,lang");
        int n = 0;
        for (int i = 0; i < 8; i++) {
            s.good("c" + n, "c" + n++ + ",alice,2026-03-14T10:00:00Z,\"quoted, with comma and \"\"quotes\"\"\",en");
            s.bad("w" + i + ",alice,2026-03-14T10:00:00Z", "expected 5 columns, found 3");
            s.bad("v" + i + ",alice,2026-03-14T10:00:00Z,text,en,extra", "expected 5 columns, found 6");
            s.bad("q" + i + ",alice,2026-03-14T10:00:00Z,\"never closed,en", "unclosed quote");
            s.good("c" + n, "c" + n++ + ",bob,2026-03-14T10:00:00Z,plain text,es");
            s.badUtf8("b" + i + ",bob,2026-03-14T10:00:00Z,caf", ",fr");
            s.bad(",bob,2026-03-14T10:00:00Z,no id,en", "empty id in column 'id'");
            s.bad("t" + i + ",bob,2026-03-14T10:00:00Z,   ,en", "empty text in column 'text'");
            // A quoted field may span lines: this is one good record over three lines.
            s.good("c" + n, "c" + n++ + ",carol,2026-03-14T10:00:00Z,\"first line");
            s.text("second line, with a comma");
            s.text("third\",en");
            s.bad("p" + i + ",carol,14/03/2026 10h00,text,en", "unparseable time '14/03/2026 10h00' in column 'time'");
            s.bad("f" + i + ",carol,4102444800000,text,en", "time '4102444800000' is more than 1 day in the future");
            s.bad("g" + i + ",carol,2026-03-14T10:00:00Z,\"closed\"garbage,en", "malformed record: ");
            s.bad("h" + i + ",carol,,text,en", "empty time in column 'time'");
            s.good("c" + n, "c" + n++ + ",dave,2026-03-14T10:00:00Z,<script>alert(1)</script>,en");
            // A stray quote inside an unquoted field is literal in CSV, and the line a record of its own.
            s.good("c" + n, "c" + n++ + ",erin,2026-03-14T10:00:00Z,the 5\" gauge reads high,en");
        }
        s.huge("huge,eve,2026-03-14T10:00:00Z,", 5_000_000);
        s.good("after-huge", "after-huge,eve,2026-03-14T11:00:00Z,read after the 5 MB line,en");

        var report = read(s.save(Files.createTempFile(dir, "posts", ".csv")), ColumnMapping.of("id", "time", "text")
                .withAuthor("author").withLanguageAndUrl("lang", null));

        assertMatches(s, report);
        assertThat(report.quarantined()).hasSize(8 * 10 + 1);
        assertThat(report.posts()).filteredOn(p -> p.externalId().equals("c0")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("quoted, with comma and \"quotes\""));
        assertThat(report.posts()).filteredOn(p -> p.externalId().equals("c2")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("first line\nsecond line, with a comma\nthird"));
        assertThat(report.posts()).filteredOn(p -> p.externalId().equals("c3")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("<script>alert(1)</script>"));
        assertThat(report.posts()).filteredOn(p -> p.externalId().equals("c4")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("the 5\" gauge reads high"));
        return report;
    }

    private RecordReaders.Report tsv() throws IOException {
        Script s = new Script();
        s.text("post_id\tpost_text\tuser_id\timage_id(s)\tusername\ttimestamp\tlabel");
        int n = 0;
        for (int i = 0; i < 6; i++) {
            s.good("s" + n, "s" + n++ + "\tHe said \"hello\" twice\t1\timg_1\tann\tWed Apr 17 18:57:37 +0000 2013\treal");
            s.bad("w" + i + "\ttoo few\t1", "expected 7 columns, found 3");
            s.badUtf8("u" + i + "\tcaf", "\t1\timg\tann\tWed Apr 17 18:57:37 +0000 2013\tfake");
            s.bad("p" + i + "\ttext\t1\timg\tann\t2013-04-17 around noon\tfake",
                    "unparseable time '2013-04-17 around noon' in column 'timestamp'");
            s.bad("e" + i + "\t\t1\timg\tann\tWed Apr 17 18:57:37 +0000 2013\tfake", "empty text in column 'post_text'");
            s.bad("f" + i + "\ttext\t1\timg\tann\tFri Apr 17 18:57:37 +0000 2099\tfake",
                    "time 'Fri Apr 17 18:57:37 +0000 2099' is more than 1 day in the future");
            s.good("s" + n, "s" + n++ + "\tunclosed \" quotes are fine in TSV\t1\timg_2\tbo\tWed Apr 17 18:57:38 +0000 2013\tfake");
        }

        var report = read(s.save(Files.createTempFile(dir, "posts", ".txt")), ColumnMapping.MEDIAEVAL_VMU);

        assertMatches(s, report);
        assertThat(report.quarantined()).hasSize(6 * 5);
        assertThat(report.posts()).filteredOn(p -> p.externalId().equals("s0")).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("He said \"hello\" twice"));
        return report;
    }

    @Test
    void aMissingMappedColumnFailsTheWholeFileOnce() throws IOException {
        Script s = new Script();
        s.bad("id,author,when,body", "missing columns 'time', 'text' in the header (it has: id, author, when, body)");
        s.text("1,a,2026-03-14T10:00:00Z,hello");
        var report = read(s.save(dir.resolve("wrong.csv")), ColumnMapping.of("id", "time", "text"));
        assertThat(report.posts()).isEmpty();
        assertMatches(s, report);
    }

    private static String json(String id, String author, String time, String text) {
        return "{\"id\": \"" + id + "\", \"author\": \"" + author + "\", \"time\": \"" + time + "\", \"text\": \""
                + text.replace("\t", "\\t") + "\", \"extra\": [1, 2]}";
    }

    private RecordReaders.Report read(Path file, ColumnMapping mapping) throws IOException {
        return RecordReaders.readAll(file, new RecordReaders.Settings("test", null, mapping, NOW,
                RecordReaders.DEFAULT_MAX_LINE_BYTES));
    }

    private static void assertMatches(Script s, RecordReaders.Report report) {
        assertThat(report.posts()).extracting(IncomingPost::externalId).containsExactlyElementsOf(s.goodIds);
        assertThat(report.quarantined()).hasSameSizeAs(s.bad);
        for (int i = 0; i < s.bad.size(); i++) {
            String[] expected = s.bad.get(i);
            Quarantined q = report.quarantined().get(i);
            assertThat(q.position()).as("position of bad record %d", i)
                    .isEqualTo("line " + expected[0] + " (byte " + expected[1] + ")");
            assertThat(q.reason()).as("reason of bad record %d", i).startsWith("line " + expected[0] + ": ")
                    .contains(expected[2]);
            assertThat(q.sourceId()).isEqualTo("test");
        }
    }
}
