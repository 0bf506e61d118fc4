package org.sitroom.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedding engine ({@code sitroom.engine.embedding.*}).
 *
 * @param modelFolder a sentence-transformer ONNX export ({@code model.onnx}, {@code tokenizer.json},
 *     {@code sitroom-model.yml}); empty = the built-in int8 all-MiniLM-L6-v2
 * @param sessions ONNX Runtime sessions, each on its own worker thread; 0 = one per core (fastest measured layout)
 * @param threadsPerSession intra-op threads per session; 1 measured fastest with one session per core
 * @param batchSize most texts per model run. 1 (the default) makes a text's vector independent of what else is being
 *     embedded: the int8 model quantises its activations with one scale per run, so a text batched with others comes out
 *     slightly different (median cosine 0.99) depending on its neighbours, and the batches depend on thread timing. That
 *     made the same posts give different narratives from run to run. Batches of 32 embed about 15% faster.
 * @param queueCapacity tokenised texts waiting for a session; callers block when it is full
 * @param cacheSize vectors kept by (model, normalised text); 0 turns the cache off
 * @param normalisation what is cleaned from a copy of each text before it is embedded
 */
@ConfigurationProperties("sitroom.engine.embedding")
public record EmbeddingSettings(
        Path modelFolder,
        @DefaultValue("0") int sessions,
        @DefaultValue("1") int threadsPerSession,
        @DefaultValue("1") int batchSize,
        @DefaultValue("4096") int queueCapacity,
        @DefaultValue("50000") int cacheSize,
        @DefaultValue Normalisation normalisation) {

    public EmbeddingSettings {
        require(sessions >= 0, "sessions must be 0 (one per core) or more, got " + sessions);
        require(threadsPerSession >= 1, "threads-per-session must be at least 1, got " + threadsPerSession);
        require(batchSize >= 1, "batch-size must be at least 1, got " + batchSize);
        require(queueCapacity >= 1, "queue-capacity must be at least 1, got " + queueCapacity);
        require(cacheSize >= 0, "cache-size must be 0 (off) or more, got " + cacheSize);
        if (modelFolder != null && modelFolder.toString().isBlank()) {
            modelFolder = null; // an empty `model-folder:` in YAML means "not set", not "the working directory"
        }
        if (normalisation == null) {
            normalisation = Normalisation.DEFAULT;
        }
    }

    /** The defaults, as in {@code application.yml}: built-in model, one session per core, cache on. */
    public static EmbeddingSettings defaults() {
        return new EmbeddingSettings(null, 0, 1, 1, 4096, 50_000, Normalisation.DEFAULT);
    }

    /** Sessions actually started: the configured number, or one per core. */
    public int effectiveSessions() {
        return sessions > 0 ? sessions : Runtime.getRuntime().availableProcessors();
    }

    public EmbeddingSettings withModelFolder(Path folder) {
        return new EmbeddingSettings(folder, sessions, threadsPerSession, batchSize, queueCapacity, cacheSize, normalisation);
    }

    public EmbeddingSettings withCacheSize(int size) {
        return new EmbeddingSettings(modelFolder, sessions, threadsPerSession, batchSize, queueCapacity, size, normalisation);
    }

    public EmbeddingSettings withSessions(int count, int threads) {
        return new EmbeddingSettings(modelFolder, count, threads, batchSize, queueCapacity, cacheSize, normalisation);
    }

    public EmbeddingSettings withBatching(int batch, int capacity) {
        return new EmbeddingSettings(modelFolder, sessions, threadsPerSession, batch, capacity, cacheSize, normalisation);
    }

    public EmbeddingSettings withNormalisation(Normalisation value) {
        return new EmbeddingSettings(modelFolder, sessions, threadsPerSession, batchSize, queueCapacity, cacheSize, value);
    }

    /**
     * Text clean-up before embedding (the original text is never changed). Lone UTF-16 surrogates always become
     * U+FFFD whatever these say: the native tokenizer cannot take them.
     *
     * @param unicodeNfc compose to Unicode NFC, so visually equal texts embed (and cache) the same
     * @param removeControlCharacters drop control and invisible format characters (NUL, bidi marks; ZWJ/ZWNJ stay)
     * @param replaceUrls links become {@code http}: a t.co hash means nothing to the model and costs many tokens
     * @param replaceMentions {@code @handle} becomes {@code @user}: handles are noise for meaning and defeat the cache
     * @param stripRetweetPrefix a leading {@code RT @handle:} is dropped, so a retweet embeds (and caches) as its original
     * @param collapseWhitespace runs of any Unicode whitespace become one space; ends trimmed
     */
    public record Normalisation(
            @DefaultValue("true") boolean unicodeNfc,
            @DefaultValue("true") boolean removeControlCharacters,
            @DefaultValue("true") boolean replaceUrls,
            @DefaultValue("true") boolean replaceMentions,
            @DefaultValue("true") boolean stripRetweetPrefix,
            @DefaultValue("true") boolean collapseWhitespace) {

        public static final Normalisation DEFAULT = new Normalisation(true, true, true, true, true, true);

        /** Only the always-on safety step (lone surrogates); everything else off. */
        public static final Normalisation NONE = new Normalisation(false, false, false, false, false, false);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sitroom.engine.embedding." + message);
        }
    }
}
