package org.sitroom.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.SitroomApplication;
import org.sitroom.cli.Cli;
import org.sitroom.engine.PostIds;
import org.sitroom.engine.PostStore;
import org.sitroom.ingest.HashEmbeddings;
import org.sitroom.ingest.pipeline.FileImporter;
import org.sitroom.ingest.pipeline.IngestLedger;
import org.sitroom.ingest.pipeline.IngestLedger.StoredQuarantine;
import org.sitroom.ingest.pipeline.QuarantineRerun;
import org.sitroom.ingest.situations.SituationStore;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Over 200 malformed records in JSONL, CSV and TSV through the whole pipeline (import, store, ledger): each bad
 * record is in the quarantine table with its position, reason and raw bytes, every good one is in the store, and the
 * process goes on. Then a source whose mapping was wrong is fixed and its quarantine re-run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarantinePipelineIntegrationTest {

    @TempDir
    static Path dir;

    private ConfigurableApplicationContext app;
    private FileImporter importer;
    private IngestLedger ledger;
    private PostStore store;

    @BeforeAll
    void start() {
        app = new SpringApplicationBuilder(SitroomApplication.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).initializers(HashEmbeddings.replacing())
                .properties(Cli.NO_WEB_PROPERTIES)
                .properties("spring.quartz.auto-startup=false", "sitroom.cli=true", "sitroom.ingest.batch-size=20",
                        "sitroom.ingest.demo.enabled=false", "sitroom.engine.clustering.check-every=1h",
                        "sitroom.ingest.situations-file=" + dir.resolve("none.yml"))
                .run("--sitroom.data=" + dir.resolve("data"));
        importer = app.getBean(FileImporter.class);
        ledger = app.getBean(IngestLedger.class);
        store = app.getBean(PostStore.class);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void everyMalformedRecordIsQuarantinedWithItsReasonAndTheGoodOnesAreStored() throws Exception {
        int bad = 0;
        bad += check("jsonl", jsonl(), ColumnMapping.of("id", "time", "text").withAuthor("author")
                .withFormat(Format.JSONL));
        bad += check("csv", csv(), ColumnMapping.of("id", "time", "text").withAuthor("author")
                .withLanguageAndUrl("lang", null).withFormat(Format.CSV));
        bad += check("tsv", tsv(), ColumnMapping.MEDIAEVAL_VMU);
        assertThat(bad).isGreaterThanOrEqualTo(200);
        // Still alive and ingesting.
        assertThat(app.isActive()).isTrue();
        Path more = dir.resolve("more.jsonl");
        Files.writeString(more, "{\"id\": \"alive\", \"time\": \"2026-03-14T10:00:00Z\", \"text\": \"still here\"}\n");
        assertThat(importer.importFiles("malformed", "jsonl", ColumnMapping.DEMO_JSONL, List.of(more), "after-src", null)
                .imported()).isEqualTo(1);
    }

    private int check(String name, MalformedRecordsTest.Script script, ColumnMapping mapping) throws Exception {
        Path file = script.save(dir.resolve(name + "-posts." + (name.equals("tsv") ? "txt" : name)));
        String source = "bad-" + name;
        FileImporter.Summary summary = importer.importFiles("malformed", name, mapping, List.of(file), source, null);
        assertThat(summary.quarantined()).isEqualTo(script.bad.size());
        assertThat(summary.imported()).isEqualTo(script.goodIds.size());
        List<StoredQuarantine> rows = ledger.allQuarantine(source);
        assertThat(rows).hasSameSizeAs(script.bad);
        for (int i = 0; i < rows.size(); i++) {
            String[] expected = script.bad.get(i);
            StoredQuarantine q = rows.get(i);
            assertThat(q.position()).as("%s bad record %d", name, i)
                    .isEqualTo("line " + expected[0] + " (byte " + expected[1] + ")");
            assertThat(q.reason()).as("%s bad record %d", name, i).startsWith("line " + expected[0] + ": ")
                    .contains(expected[2]);
            assertThat(q.raw()).isNotEmpty();
            assertThat(q.situationId()).isEqualTo("malformed");
        }
        List<String> ids = script.goodIds.stream().map(id -> PostIds.of(source, id)).toList();
        assertThat(store.existing(ids)).containsExactlyInAnyOrderElementsOf(ids);
        return rows.size();
    }

    @Test
    void aFixedMappingReadsTheQuarantineIntoPosts() throws Exception {
        Path file = dir.resolve("epoch.csv");
        StringBuilder csv = new StringBuilder("id,time,text\n");
        for (int i = 0; i < 30; i++) {
            csv.append("r").append(i).append(",2026-03-14T10:00:").append(String.format("%02d", i))
                    .append("Z,post number ").append(i).append('\n');
        }
        Files.writeString(file, csv);
        // Wrong: the file's times are ISO, the mapping says epoch seconds.
        ColumnMapping wrong = ColumnMapping.of("id", "time", "text").withTimeFormat(TimeFormat.EPOCH_SECONDS)
                .withFormat(Format.CSV);
        FileImporter.Summary first = importer.importFiles("rerun", "csv", wrong, List.of(file), "rerun-src", null);
        assertThat(first.quarantined()).isEqualTo(30);
        assertThat(first.imported()).isZero();
        assertThat(ledger.openQuarantine("rerun-src", 100)).hasSize(30)
                .allSatisfy(q -> assertThat(q.reason()).contains("unparseable time"));

        // The operator fixes the mapping (here as `import` stores it) and re-runs the quarantine.
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("format", "csv");
        fixed.put("mapping", Map.of("id", "id", "time", "time", "text", "text", "format", "csv"));
        var situation = app.getBean(SituationStore.class).ensureSituation("rerun");
        app.getBean(SituationStore.class).ensureImportSource("rerun-src", situation.id(), fixed);
        QuarantineRerun.Result result = app.getBean(QuarantineRerun.class).rerun("rerun-src");

        assertThat(result.examined()).isEqualTo(30);
        assertThat(result.resolved()).isEqualTo(30);
        assertThat(result.added()).isEqualTo(30);
        assertThat(ledger.openQuarantine("rerun-src", 100)).isEmpty();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(PostIds.of("rerun-src", "r" + i));
        }
        assertThat(store.existing(ids)).hasSize(30);
        // A second re-run finds nothing left.
        assertThat(app.getBean(QuarantineRerun.class).rerun("rerun-src").examined()).isZero();
    }

    private static String json(String id, String author, String time, String text) {
        return "{\"id\": \"" + id + "\", \"author\": \"" + author + "\", \"time\": \"" + time + "\", \"text\": \""
                + text.replace("\t", "\\t") + "\"}";
    }

    private static MalformedRecordsTest.Script jsonl() throws Exception {
        var s = new MalformedRecordsTest.Script();
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
            s.bad(json("e" + i, "dave", "2026-03-14T10:00:00Z", "   \t "), "empty text in field 'text'");
            s.bad(json("y" + i, "dave", "yesterday", "hello"), "unparseable time 'yesterday' in field 'time'");
            s.bad(json("f" + i, "dave", "2099-01-01T00:00:00Z", "hello"), "more than 1 day in the future");
            s.bad("{\"id\": \"o" + i + "\", \"text\": {\"nested\": true}, \"time\": \"2026-03-14T10:00:00Z\"}",
                    "field 'text' is an object, not a value");
            s.bad(json("", "dave", "2026-03-14T10:00:00Z", "no id"), "empty id in field 'id'");
            s.bad(json("g" + i, "dave", "2026-03-14T10:00:00Z", "trailing") + " garbage", "invalid JSON");
            s.good("j" + n, json("j" + n++, "carol", "1773482400000", "<script>alert('kept as text')</script>"));
        }
        s.huge("{\"id\": \"huge\", \"text\": \"", 3_000_000);
        s.good("after-huge", json("after-huge", "frank", "2026-03-14T11:59:00Z", "read after the 3 MB line"));
        return s;
    }

    private static MalformedRecordsTest.Script csv() {
        var s = new MalformedRecordsTest.Script();
        s.text("id,author,time,text,lang");
        int n = 0;
        for (int i = 0; i < 8; i++) {
            s.good("c" + n, "c" + n++ + ",alice,2026-03-14T10:00:00Z,\"quoted, with comma\",en");
            s.bad("w" + i + ",alice,2026-03-14T10:00:00Z", "expected 5 columns, found 3");
            s.bad("v" + i + ",alice,2026-03-14T10:00:00Z,text,en,extra", "expected 5 columns, found 6");
            s.bad("q" + i + ",alice,2026-03-14T10:00:00Z,\"never closed,en", "unclosed quote");
            s.good("c" + n, "c" + n++ + ",bob,2026-03-14T10:00:00Z,plain text,es");
            s.badUtf8("b" + i + ",bob,2026-03-14T10:00:00Z,caf", ",fr");
            s.bad(",bob,2026-03-14T10:00:00Z,no id,en", "empty id in column 'id'");
            s.bad("t" + i + ",bob,2026-03-14T10:00:00Z,   ,en", "empty text in column 'text'");
            s.bad("p" + i + ",carol,14/03/2026 10h00,text,en", "unparseable time '14/03/2026 10h00' in column 'time'");
            s.bad("f" + i + ",carol,4102444800000,text,en", "more than 1 day in the future");
            s.bad("g" + i + ",carol,2026-03-14T10:00:00Z,\"closed\"garbage,en", "malformed record: ");
            s.bad("h" + i + ",carol,,text,en", "empty time in column 'time'");
            s.good("c" + n, "c" + n++ + ",dave,2026-03-14T10:00:00Z,<script>alert(1)</script>,en");
        }
        return s;
    }

    private static MalformedRecordsTest.Script tsv() {
        var s = new MalformedRecordsTest.Script();
        s.text("post_id\tpost_text\tuser_id\timage_id(s)\tusername\ttimestamp\tlabel");
        int n = 0;
        for (int i = 0; i < 6; i++) {
            s.good("s" + n, "s" + n++ + "\tHe said \"hello\" twice\t1\timg_1\tann\tWed Apr 17 18:57:37 +0000 2013\treal");
            s.bad("w" + i + "\ttoo few\t1", "expected 7 columns, found 3");
            s.badUtf8("u" + i + "\tcaf", "\t1\timg\tann\tWed Apr 17 18:57:37 +0000 2013\tfake");
            s.bad("p" + i + "\ttext\t1\timg\tann\t2013-04-17 around noon\tfake", "unparseable time");
            s.bad("e" + i + "\t\t1\timg\tann\tWed Apr 17 18:57:37 +0000 2013\tfake", "empty text in column 'post_text'");
            s.bad("f" + i + "\ttext\t1\timg\tann\tFri Apr 17 18:57:37 +0000 2099\tfake", "more than 1 day in the future");
            s.good("s" + n, "s" + n++ + "\tunclosed \" quotes are fine in TSV\t1\timg_2\tbo\tWed Apr 17 18:57:38 +0000 2013\tfake");
        }
        return s;
    }
}
