package org.sitroom.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sitroom.testing.Datasets;

/** The built-in mappings against the shared datasets, read in place. */
class RealDatasetsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void mediaEvalPostsAllParse() throws IOException {
        var report = RecordReaders.readAll(Datasets.mediaEvalPosts(),
                new RecordReaders.Settings("mediaeval", ColumnMapping.MEDIAEVAL_VMU, NOW));

        System.out.printf("MediaEval posts.txt: %d posts, %d quarantined %s%n", report.posts().size(),
                report.quarantined().size(), report.quarantined().stream().map(Quarantined::reason).toList());
        assertThat(report.quarantined()).isEmpty();
        assertThat(report.posts()).hasSize(15_629);
        assertThat(report.posts().stream().map(IncomingPost::externalId).distinct().count()).isEqualTo(15_629);

        IncomingPost first = report.posts().getFirst();
        assertThat(first.externalId()).isEqualTo("324597532548276224");
        assertThat(first.author()).isEqualTo("SantaCruzShred");
        assertThat(first.time()).isEqualTo(Instant.parse("2013-04-17T18:57:37Z"));
        assertThat(first.text()).startsWith("Don't need feds to solve the #bostonbombing");
        assertThat(first.url()).isEqualTo("https://twitter.com/SantaCruzShred/status/324597532548276224");
        assertThat(first.metadata()).containsEntry("label", "fake")
                .containsEntry("image_id(s)", "boston_fake_03,boston_fake_35").containsEntry("user_id", "886672620");
        // The timestamp column agrees with the snowflake time of the id (to the second).
        assertThat(TimeFormat.TWITTER_SNOWFLAKE.parse(first.externalId()).getEpochSecond())
                .isEqualTo(first.time().getEpochSecond());
        assertThat(report.posts().stream().filter(p -> "fake".equals(p.metadata().get("label"))).count())
                .isEqualTo(9_404);
        // Line 6706 writes its time "Tue Mar 11 23: 59: 22 +0000 2014"; the tolerant reading matches its snowflake.
        IncomingPost spaced = report.posts().get(6704);
        assertThat(spaced.externalId()).isEqualTo("443536693220478976");
        assertThat(spaced.time()).isEqualTo(Instant.parse("2014-03-11T23:59:22Z"));
        long agreeing = report.posts().stream().filter(p -> Math.abs(
                TimeFormat.TWITTER_SNOWFLAKE.parse(p.externalId()).getEpochSecond() - p.time().getEpochSecond()) <= 1)
                .count();
        assertThat(agreeing).isEqualTo(15_629 - 6);
    }

    @Test
    void crisisLexT26LabeledCsvsAllParse() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Datasets.crisisLexT26())) {
            files = walk.filter(p -> p.getFileName().toString().endsWith("-tweets_labeled.csv")).sorted().toList();
        }
        assertThat(files).hasSize(26);
        int posts = 0;
        int quarantined = 0;
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            String event = file.getParent().getFileName().toString();
            var report = RecordReaders.readAll(file,
                    new RecordReaders.Settings(event, ColumnMapping.CRISISLEX_T26, NOW));
            for (Quarantined q : report.quarantined()) {
                System.out.println("CrisisLexT26 " + event + " quarantined: " + q.reason());
            }
            posts += report.posts().size();
            quarantined += report.quarantined().size();
            for (IncomingPost post : report.posts()) {
                ids.add(post.externalId());
                assertThat(post.author()).isEqualTo(IncomingPost.UNKNOWN_AUTHOR);
                // Every crisis lies in 2012-2013, which the snowflake times must reproduce.
                assertThat(post.time()).isBetween(Instant.parse("2012-01-01T00:00:00Z"),
                        Instant.parse("2014-01-01T00:00:00Z"));
                assertThat(post.metadata()).containsKey("Informativeness");
            }
        }
        System.out.printf("CrisisLexT26: %d posts (%d distinct ids), %d quarantined%n", posts, ids.size(),
                quarantined);
        assertThat(quarantined).isZero();
        assertThat(posts).isEqualTo(27_933);
        // One tweet is labelled in two events; writes are idempotent by (source, id) and the source is the event.
        assertThat(ids).hasSize(27_932);
    }

    @Test
    void crisisLexFirstRecordIsReadAsWritten() throws IOException {
        Path file = Datasets.crisisLexT26().resolve("2012_Colorado_wildfires")
                .resolve("2012_Colorado_wildfires-tweets_labeled.csv");
        var report = RecordReaders.readAll(file,
                new RecordReaders.Settings("colorado", ColumnMapping.CRISISLEX_T26, NOW));
        IncomingPost first = report.posts().getFirst();
        assertThat(first.externalId()).isEqualTo("211040709124440064");
        // The text is kept exactly, HTML entities included: it is plain text, not HTML.
        assertThat(first.text()).startsWith("#Intern #US #TATTOO").contains("---&gt;http://t.co/TIHBJKF2");
        assertThat(first.time()).isEqualTo(Instant.ofEpochMilli((211040709124440064L >> 22) + 1288834974657L));
        assertThat(first.metadata()).containsEntry("Informativeness", "Not related");
        assertThat(first.url()).isEqualTo("https://twitter.com/i/web/status/211040709124440064");
    }
}
