package org.sitroom.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingSettings;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.internal.embed.OnnxEmbedder;
import org.sitroom.engine.internal.embed.RawCeiling;

/**
 * {@code bash .mvn/sitroom bench embed}: the embedding engine end to end against the machine's ceiling and against
 * langchain4j, on the same CrisisLexT26 tweets in the same run.
 */
public final class EmbedBenchmark implements Benchmark {

    private static final int WARM_UP = 1_000;

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public Map<String, Object> run() throws Exception {
        List<String> texts = CrisisLexTexts.all();
        int limit = Integer.getInteger("sitroom.bench.embed.limit", 0); // for a quick smoke run only
        if (limit > 0 && limit < texts.size()) {
            texts = texts.subList(0, limit);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        EmbeddingSettings settings = EmbeddingSettings.defaults();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("posts", texts.size());
        log("%d texts, %d cores", texts.size(), cores);

        // Ceiling: same model, same token ids, globally length-sorted, best of the two layouts on this machine.
        RawCeiling ceiling = RawCeiling.prepare(texts);
        double perCore = ceiling.postsPerSecond(cores, 1, settings.batchSize());
        double ceilingCpuMs = ceiling.lastCpuNanos() / 1e6 / texts.size();
        log("ceiling %dx1: %.1f posts/s", cores, perCore);
        double oneSession = ceiling.postsPerSecond(1, cores, settings.batchSize());
        log("ceiling 1x%d: %.1f posts/s", cores, oneSession);
        double rawCeiling = Math.max(perCore, oneSession);

        // Sitroom end to end, cache off so every post is normalised, tokenised, inferred and pooled.
        double ours;
        double oursCpuMs;
        double padding;
        try (OnnxEmbedder engine = OnnxEmbedder.open(settings.withCacheSize(0))) {
            engine.embed(texts.subList(0, WARM_UP));
            long t0 = System.nanoTime();
            long c1 = cpuNanos();
            EmbeddingBatch batch = engine.embed(texts);
            ours = texts.size() / seconds(t0);
            oursCpuMs = (cpuNanos() - c1) / 1e6 / texts.size();
            padding = engine.paddingShare();
            figures.put("rejected", batch.rejectedCount());
        }
        log("sitroom: %.1f posts/s", ours);

        // langchain4j's quantized model its own default way: embedAll on TextSegments (blank texts are not allowed).
        List<TextSegment> raw = texts.stream().filter(t -> !t.isBlank()).map(TextSegment::from).toList();
        EmbeddingModel langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
        langchain4j.embedAll(raw.subList(0, WARM_UP));
        long t1 = System.nanoTime();
        langchain4j.embedAll(raw);
        double reference = raw.size() / seconds(t1);
        log("langchain4j: %.1f posts/s", reference);

        // The same, fed the texts after Sitroom's normalisation: how much of the gap is shorter input (links and
        // handles become one token) rather than faster inference.
        List<TextSegment> normalised = ceiling.normalisedTexts().stream().map(TextSegment::from).toList();
        long t3 = System.nanoTime();
        langchain4j.embedAll(normalised);
        double referenceNormalised = normalised.size() / seconds(t3);
        log("langchain4j on normalised texts: %.1f posts/s", referenceNormalised);

        // A fresh engine with its cache on, one pass: how many posts are retweets or copies of earlier ones.
        double cachedRate;
        double hitRate;
        try (Embeddings engine = OnnxEmbedder.open(settings)) {
            long t2 = System.nanoTime();
            engine.embed(texts);
            cachedRate = texts.size() / seconds(t2);
            hitRate = engine.stats().cacheHitRate();
        }
        log("sitroom with cache: %.1f posts/s, hit rate %.3f", cachedRate, hitRate);

        figures.put("posts_per_s", round(ours));
        figures.put("raw_ceiling_posts_per_s", round(rawCeiling));
        figures.put("langchain4j_posts_per_s", round(reference));
        figures.put("ratio_vs_ceiling", round(ours / rawCeiling, 3));
        figures.put("ratio_vs_langchain4j", round(ours / reference, 3));
        figures.put("cores", cores);
        figures.put("model_sha256", ceiling.sha256());
        figures.put("cache_hit_rate", round(hitRate, 3));
        figures.put("posts_per_s_cache_on", round(cachedRate));
        figures.put("raw_ceiling_sessions_x_threads", perCore >= oneSession ? cores + "x1" : "1x" + cores);
        figures.put("raw_ceiling_1_session_posts_per_s", round(oneSession));
        figures.put("langchain4j_normalised_texts_posts_per_s", round(referenceNormalised));
        figures.put("ratio_vs_langchain4j_normalised_texts", round(ours / referenceNormalised, 3));
        // CPU per post says the same as the ratio but suffers less when other processes share the cores.
        figures.put("cpu_ms_per_post", round(oursCpuMs, 3));
        figures.put("raw_ceiling_cpu_ms_per_post", round(ceilingCpuMs, 3));
        figures.put("cpu_ratio_vs_ceiling", round(ceilingCpuMs / oursCpuMs, 3));
        figures.put("padding_share", round(padding, 4));
        figures.put("mean_tokens_normalised", round(ceiling.meanTokens(), 1));
        figures.put("batch_size", settings.batchSize());
        figures.put("load_average_at_end", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), 2));
        return figures;
    }

    /** CPU time of the whole process: all threads, ONNX Runtime's included. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return round(value, 1);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench embed] " + format + "%n", args);
    }
}
