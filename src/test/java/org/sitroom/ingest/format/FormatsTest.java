package org.sitroom.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time formats, HTML reduction, mapping files, and resuming a file at a byte offset. */
class FormatsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void timeFormats() {
        Instant t = Instant.parse("2013-04-17T18:57:37Z");
        assertThat(TimeFormat.AUTO.parse("2013-04-17T18:57:37Z")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("2013-04-17T20:57:37+02:00")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("2013-04-17T18:57:37")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("2013-04-17 18:57:37")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("20130417T185737Z")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("1366225057")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("1366225057000")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("1366225057.250")).isEqualTo(t.plusMillis(250));
        assertThat(TimeFormat.AUTO.parse("Wed Apr 17 18:57:37 +0000 2013")).isEqualTo(t);
        assertThat(TimeFormat.AUTO.parse("Wed, 17 Apr 2013 18:57:37 GMT")).isEqualTo(t);
        assertThat(TimeFormat.TWITTER.parse("Wed Apr 17 18: 57: 37 +0000 2013")).isEqualTo(t);
        assertThat(TimeFormat.EPOCH_MILLIS.parse("1366225057000")).isEqualTo(t);
        assertThat(TimeFormat.EPOCH_SECONDS.parse("1366225057")).isEqualTo(t);
        assertThat(TimeFormat.TWITTER_SNOWFLAKE.parse("324597532548276224"))
                .isEqualTo(Instant.ofEpochMilli((324597532548276224L >> 22) + 1288834974657L));
        assertThatThrownBy(() -> TimeFormat.TWITTER_SNOWFLAKE.parse("12345")).isInstanceOf(DateTimeException.class)
                .hasMessageContaining("not a snowflake");
        assertThatThrownBy(() -> TimeFormat.ISO_8601.parse("yesterday")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> TimeFormat.EPOCH_SECONDS.parse("12ab")).isInstanceOf(DateTimeException.class);
        assertThat(TimeFormat.named("epoch-millis")).isEqualTo(TimeFormat.EPOCH_MILLIS);
        assertThat(TimeFormat.named("twitter_snowflake")).isEqualTo(TimeFormat.TWITTER_SNOWFLAKE);
    }

    @Test
    void htmlIsReducedToText() {
        assertThat(HtmlText.toText("<p>Hello <b>world</b></p><p>Second &amp; last<br>line</p>"))
                .isEqualTo("Hello world\n\nSecond & last\nline");
        assertThat(HtmlText.toText("<p>&lt;script&gt;alert(1)&lt;/script&gt; is text</p>"))
                .isEqualTo("<script>alert(1)</script> is text");
        assertThat(HtmlText.toText("before<script>evil()</script><style>p{}</style> after")).isEqualTo("before after");
        assertThat(HtmlText.toText("<a href=\"https://x\">#tag</a>   spaced\n\n out")).isEqualTo("#tag spaced out");
        assertThat(HtmlText.toText("plain text stays")).isEqualTo("plain text stays");
    }

    @Test
    void htmlTextMappingReducesMarkupInJsonl() throws IOException {
        String line = "{\"id\":\"1\",\"time\":\"2026-03-14T10:00:00Z\",\"text\":\"<p>Flood <b>now</b></p>\"}\n";
        var mapping = ColumnMapping.of("id", "time", "text").withFormat(Format.JSONL).withHtmlText(true);
        try (RecordReader reader = RecordReaders.open(
                new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                new RecordReaders.Settings("s", mapping, NOW))) {
            Outcome outcome = reader.next();
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                    a -> assertThat(a.post().text()).isEqualTo("Flood now"));
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void mappingFromYamlAndProperties() throws IOException {
        Path yaml = Files.writeString(dir.resolve("m.yml"), """
                format: csv
                id: Tweet ID
                time: created
                time-format: twitter
                text: body
                author: user.screen_name
                lang: language
                metadata: [label, event]
                """);
        ColumnMapping fromYaml = ColumnMapping.load(yaml);
        assertThat(fromYaml.format()).isEqualTo(Format.CSV);
        assertThat(fromYaml.id()).isEqualTo("Tweet ID");
        assertThat(fromYaml.timeFormat()).isEqualTo(TimeFormat.TWITTER);
        assertThat(fromYaml.author()).isEqualTo("user.screen_name");
        assertThat(fromYaml.language()).isEqualTo("language");
        assertThat(fromYaml.metadata()).containsExactly("label", "event");

        Path properties = Files.writeString(dir.resolve("m.properties"), """
                id=post_id
                time=ts
                timeFormat=epoch-millis
                text=post_text
                metadata=a, b
                delimiter=tab
                quote=none
                """);
        ColumnMapping fromProperties = ColumnMapping.load(properties);
        assertThat(fromProperties.timeFormat()).isEqualTo(TimeFormat.EPOCH_MILLIS);
        assertThat(fromProperties.metadata()).containsExactly("a", "b");
        assertThat(fromProperties.delimiter()).isEqualTo('\t');
        assertThat(fromProperties.quote()).isEmpty();

        assertThat(ColumnMapping.load(Files.writeString(dir.resolve("b.yml"), "builtin: mediaeval-vmu\n")))
                .isSameAs(ColumnMapping.MEDIAEVAL_VMU);
        assertThat(ColumnMapping.fromMap(Map.of("builtin", "crisislex-t26"))).isSameAs(ColumnMapping.CRISISLEX_T26);

        Path typo = Files.writeString(dir.resolve("t.yml"), "id: a\ntime: b\ntext: c\nautor: d\n");
        assertThatThrownBy(() -> ColumnMapping.load(typo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown mapping key 'autor'");
        Path missing = Files.writeString(dir.resolve("n.yml"), "id: a\ntime: b\n");
        assertThatThrownBy(() -> ColumnMapping.load(missing)).hasMessageContaining("needs a field for 'text'");
    }

    @Test
    void resumingAtAReturnedPositionReadsEachRecordExactlyOnce() throws IOException {
        StringBuilder csv = new StringBuilder("id,time,text\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(",2026-03-14T10:00:00Z,");
            csv.append(i % 7 == 0 ? "\"multi\nline " + i + "\"" : i % 5 == 0 ? "" : "post " + i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("resume.csv"), csv);
        var settings = new RecordReaders.Settings("s", ColumnMapping.of("id", "time", "text"), NOW);
        var whole = RecordReaders.readAll(file, settings);

        List<String> seen = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long offset = 0;
        long lines = 0;
        while (true) {
            // Three records at a time, each chunk with a fresh reader, as the file-drop connector does.
            try (RecordReader reader = RecordReaders.open(file, settings, offset, lines)) {
                int n = 0;
                Outcome o = null;
                while (n < 3 && (o = reader.next()) != null) {
                    switch (o) {
                        case Outcome.Accepted a -> seen.add(a.post().externalId());
                        case Outcome.Rejected r -> reasons.add(r.quarantined().reason());
                    }
                    n++;
                }
                offset = reader.position();
                lines = reader.linesRead();
                if (o == null) {
                    break;
                }
            }
        }
        assertThat(seen).isEqualTo(whole.posts().stream().map(IncomingPost::externalId).toList());
        assertThat(reasons).isEqualTo(whole.quarantined().stream().map(Quarantined::reason).toList());
        // Record 0 spans lines 2-3, so record 5 sits on line 8.
        assertThat(reasons).contains("line 8: empty text in column 'text'");
        assertThat(offset).isEqualTo(Files.size(file));
    }
}
