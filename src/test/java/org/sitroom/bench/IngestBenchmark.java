package org.sitroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.SitroomApplication;
import org.sitroom.cli.Cli;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.internal.embed.RawCeiling;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.RecordReaders;
import org.sitroom.ingest.pipeline.FileImporter;
import org.sitroom.ingest.pipeline.StageTimes;
import org.sitroom.testing.Datasets;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bash .mvn/sitroom bench ingest}: the MediaEval 2016 dev posts (15.6k tweets) imported end to end into a
 * fresh data folder as {@code sitroom import --format mediaeval} does (parse, normalise, language, store: dedupe,
 * embed with the real model, index, assign, index commit; then the ingest transaction), with seconds per stage.
 * The store's duplicate grouping, indexing, assignment and index commit are timed together ("store_other"); the
 * engine reports only its embedding time apart.
 */
public final class IngestBenchmark implements Benchmark {

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Map<String, Object> run() throws Exception {
        Path posts = Datasets.mediaEvalPosts();
        Path data = Files.createTempDirectory("sitroom-bench-ingest");
        Map<String, Object> out = new LinkedHashMap<>();
        long startup = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitroomApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties(Cli.COMMAND_PROPERTIES.toArray(String[]::new)) // as `sitroom import` starts
                .properties("sitroom.ingest.demo.enabled=false", "sitroom.engine.clustering.check-every=1h",
                        "sitroom.ingest.situations-file=" + data.resolve("none.yml"))
                .run("--sitroom.data=" + data)) {
            FileImporter importer = app.getBean(FileImporter.class);
            // Outside the import's own clock, as for a user: the context, the embedding model, the index, Lingua's
            // models (these load in the background meanwhile; the import waits for them if they are not done).
            double startupSeconds = (System.nanoTime() - startup) / 1e9;
            StageTimes times = app.getBean(StageTimes.class);
            times.reset();
            FileImporter.Summary s = importer.importFiles("mediaeval-2016-dev", "mediaeval",
                    FileImporter.mapping("mediaeval", null), List.of(posts), null, null);
            Map<StageTimes.Stage, Double> stages = times.seconds();
            double staged = stages.values().stream().mapToDouble(Double::doubleValue).sum();
            out.put("dataset", posts.getFileName().toString() + " (MediaEval 2016 dev)");
            out.put("posts_read", s.imported() + s.duplicates());
            out.put("posts_stored", app.getBean(PostStore.class).count("mediaeval-2016-dev"));
            out.put("quarantined", s.quarantined());
            out.put("seconds_startup_before_import", startupSeconds);
            out.put("seconds", s.seconds());
            out.put("posts_per_second", (s.imported() + s.duplicates()) / s.seconds());
            stages.forEach((stage, sec) -> out.put("seconds_" + stage.name().toLowerCase(java.util.Locale.ROOT), sec));
            out.put("seconds_other", Math.max(0, s.seconds() - staged));
            out.put("embedding_share", stages.get(StageTimes.Stage.EMBED) / s.seconds());
            out.put("batch_size", app.getEnvironment().getProperty("sitroom.ingest.batch-size"));
        }
        // The ceiling in the same run: the bare model on the texts the import had to embed (each normalised text once,
        // as the engine's cache answers repeats), sorted by length, on all cores, nothing else running. The texts are
        // read by the same reader and mapping as the import.
        List<String> texts = RecordReaders.readAll(posts, new RecordReaders.Settings("bench",
                FileImporter.mapping("mediaeval", null), java.time.Clock.systemUTC())).posts().stream()
                .map(IncomingPost::text).toList();
        RawCeiling ceiling = RawCeiling.prepareDistinct(texts);
        int cores = Runtime.getRuntime().availableProcessors();
        double distinctPerSecond = ceiling.postsPerSecond(cores, 1, 32);
        double ceilingPostsPerSecond = distinctPerSecond * texts.size() / ceiling.normalisedTexts().size();
        out.put("distinct_texts_to_embed", ceiling.normalisedTexts().size());
        out.put("mean_tokens", ceiling.meanTokens());
        out.put("ceiling_posts_per_second", ceilingPostsPerSecond);
        out.put("ratio_to_ceiling", (double) out.get("posts_per_second") / ceilingPostsPerSecond);
        return out;
    }
}
