package org.sitroom.engine.internal.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingResult;
import org.sitroom.engine.EmbeddingSettings;
import org.sitroom.engine.EmbeddingStats;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.ModelIdentity;
import org.sitroom.engine.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding engine on ONNX Runtime.
 *
 * <p>Callers' threads normalise, look up the cache and tokenise, then queue the texts; one worker thread per session
 * takes length-bucketed batches and runs the model. So tokenising overlaps inference (a pipeline), and a full queue
 * blocks callers instead of dropping posts.
 */
public final class OnnxEmbedder implements Embeddings {

    private static final Logger log = LoggerFactory.getLogger(OnnxEmbedder.class);

    /**
     * Characters kept after normalisation, per allowed token. No real text spends 64 characters per word piece, so
     * truncation by tokens gives the same result; the cap only keeps a 200 KB post from costing milliseconds of
     * tokenising for tokens that truncation throws away.
     */
    static final int CHARS_PER_TOKEN_CAP = 64;

    /**
     * Engines not yet closed. A shutdown hook closes them, so each worker finishes its batch and stops before the
     * process ends rather than being cut off inside native code. The native environment they need meanwhile is kept
     * alive by {@link EnvironmentPin}: ORT's own hook, running concurrently, would otherwise release it under them.
     */
    private static final Set<OnnxEmbedder> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sitroom-embed-shutdown").unstarted(
                () -> List.copyOf(OPEN).forEach(OnnxEmbedder::close)));
    }

    private final ModelIdentity identity;
    private final ModelFiles.Descriptor descriptor;
    private final TextNormaliser normaliser;
    private final Tokeniser tokeniser;
    private final VectorCache cache;
    private final BatchQueue queue;
    private final List<OrtSession> sessions;
    private final List<Thread> workers = new ArrayList<>();
    private final LongAdder embedded = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder realTokens = new LongAdder();
    private final LongAdder paddedTokens = new LongAdder();
    private final int maxChars;
    private volatile boolean closed;

    private OnnxEmbedder(ModelFiles files, EmbeddingSettings settings) {
        this.descriptor = files.descriptor();
        this.identity = new ModelIdentity(descriptor.name(), descriptor.dimension(), files.sha256(),
                descriptor.pooling().label(), descriptor.maxTokens());
        this.normaliser = new TextNormaliser(settings.normalisation());
        this.maxChars = descriptor.maxTokens() * CHARS_PER_TOKEN_CAP;
        this.tokeniser = Tokeniser.load(files.tokenizerJson(), descriptor.maxTokens(), files.origin());
        int count = settings.effectiveSessions();
        ModelRunner.Shape[] shape = new ModelRunner.Shape[1];
        try {
            OrtEnvironment env = ModelRunner.environment();
            this.sessions = ModelRunner.open(env, files, tokeniser, shape, count, settings.threadsPerSession());
            this.cache = settings.cacheSize() > 0 ? new VectorCache(files.sha256(), settings.cacheSize()) : null;
            this.queue = new BatchQueue(descriptor.maxTokens(), settings.queueCapacity(), count);
            for (int i = 0; i < count; i++) {
                InferenceWorker worker = new InferenceWorker(env, sessions.get(i), shape[0], queue,
                        settings.batchSize(), this::done, realTokens, paddedTokens);
                Thread thread = Thread.ofPlatform().name("sitroom-embed-" + i).daemon()
                        .stackSize(ModelRunner.NATIVE_STACK_BYTES).unstarted(worker);
                workers.add(thread);
            }
        } catch (RuntimeException e) {
            tokeniser.close();
            throw e;
        }
        OPEN.add(this);
        workers.forEach(Thread::start);
        log.info("Embedding model {} ({} dims, {} pooling, max {} tokens, sha256 {}) on {} session(s) x {} thread(s)",
                identity.name(), identity.dimension(), identity.pooling(), identity.maxTokens(), identity.sha256(),
                count, settings.threadsPerSession());
    }

    /**
     * Loads the configured model (or the built-in one) and starts its sessions.
     *
     * @throws org.sitroom.engine.EmbeddingModelException if the model folder or its files are missing or do not fit
     */
    public static OnnxEmbedder open(EmbeddingSettings settings) {
        ModelFiles files = settings.modelFolder() == null ? ModelFiles.builtIn()
                : ModelFiles.fromFolder(settings.modelFolder());
        return new OnnxEmbedder(files, settings);
    }

    @Override
    public EmbeddingBatch embed(List<String> texts) {
        return new EmbeddingBatch(identity, Arrays.asList(run(texts, descriptor.passagePrefix())));
    }

    @Override
    public float[] embedQuery(String query) {
        EmbeddingResult result = run(List.of(query == null ? "" : query), descriptor.queryPrefix())[0];
        return switch (result) {
            case EmbeddingResult.Embedded(float[] vector) -> vector;
            case EmbeddingResult.Rejected(RejectionReason reason, String detail) ->
                    throw new IllegalArgumentException("Query cannot be embedded (" + reason + "): " + detail);
        };
    }

    private EmbeddingResult[] run(List<String> texts, String prefix) {
        ensureOpen();
        Job.Call call = new Job.Call(texts.size());
        EmbeddingResult[] results = call.results;
        // Same text twice in one call: embed once, copy after (the first is not cached yet while in flight).
        Map<VectorCache.Key, Integer> firstIndex = cache != null ? new HashMap<>() : null;
        int[] duplicateOf = null;
        try {
            for (int i = 0; i < texts.size(); i++) {
                String text = prepare(texts.get(i), prefix);
                if (text == null) {
                    results[i] = reject(RejectionReason.EMPTY, "nothing left to embed after normalisation");
                    continue;
                }
                VectorCache.Key key = null;
                if (cache != null) {
                    key = cache.key(text);
                    Integer first = firstIndex.putIfAbsent(key, i);
                    if (first != null) {
                        if (duplicateOf == null) {
                            duplicateOf = new int[texts.size()];
                            Arrays.fill(duplicateOf, -1);
                        }
                        duplicateOf[i] = first;
                        continue;
                    }
                    float[] cached = cache.get(key);
                    if (cached != null) {
                        embedded.increment();
                        results[i] = new EmbeddingResult.Embedded(cached.clone());
                        continue;
                    }
                }
                long[] ids;
                try {
                    ids = tokeniser.encode(text);
                } catch (RuntimeException e) {
                    results[i] = reject(RejectionReason.TOKENIZER_FAILED, "the tokenizer failed: " + e.getMessage());
                    continue;
                }
                if (!tokeniser.hasKnownToken(ids)) {
                    results[i] = tokeniser.hasContent(ids)
                            ? reject(RejectionReason.NO_KNOWN_TOKENS, "no token of this text is in the model's "
                                    + "vocabulary (e.g. emoji only, or a script the model does not know)")
                            : reject(RejectionReason.EMPTY, "nothing left to embed after tokenising");
                    continue;
                }
                call.submitted();
                queue.put(new Job(ids, call, i, key));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while queueing texts for embedding", e);
        }
        call.await();
        if (duplicateOf != null) {
            for (int i = 0; i < results.length; i++) {
                if (duplicateOf[i] >= 0) {
                    EmbeddingResult first = results[duplicateOf[i]];
                    if (first instanceof EmbeddingResult.Embedded(float[] vector)) {
                        cache.recordHit(); // answered without the model, like any hit
                        embedded.increment();
                        results[i] = new EmbeddingResult.Embedded(vector.clone());
                    } else {
                        rejected.increment();
                        results[i] = first;
                    }
                }
            }
        }
        return results;
    }

    /** Normalised, capped and prefixed text, or {@code null} when nothing is left. */
    private String prepare(String raw, String prefix) {
        String text = normaliser.normalise(raw);
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > maxChars) {
            int end = maxChars;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair
            }
            text = text.substring(0, end);
        }
        return prefix.isEmpty() ? text : prefix + text;
    }

    private EmbeddingResult reject(RejectionReason reason, String detail) {
        rejected.increment();
        return new EmbeddingResult.Rejected(reason, detail);
    }

    /** Called by workers: counts, caches, hands the result to the waiting caller. */
    private void done(Job job, EmbeddingResult result) {
        if (result instanceof EmbeddingResult.Embedded(float[] vector)) {
            embedded.increment();
            if (job.key != null) {
                cache.put(job.key, vector.clone()); // the caller owns `vector` and may change it
            }
        } else {
            rejected.increment();
        }
        job.complete(result);
    }

    /** Share of the token positions the model computed that were padding (0 = none wasted); for the benchmark. */
    public double paddingShare() {
        long padded = paddedTokens.sum();
        return padded == 0 ? 0 : 1 - (double) realTokens.sum() / padded;
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    @Override
    public EmbeddingStats stats() {
        return new EmbeddingStats(embedded.sum(), rejected.sum(), cache == null ? 0 : cache.hits(),
                cache == null ? 0 : cache.misses(), cache == null ? 0 : cache.size(), queue.size());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The embedding engine is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        IllegalStateException closing = new IllegalStateException("The embedding engine closed before this text ran");
        for (Job job : queue.close()) {
            job.call.fail(closing);
        }
        List<OrtSession> stopped = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Thread worker = workers.get(i);
            try {
                worker.join(30_000); // it finishes the batch in hand; the closed queue then ends its loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                log.warn("Embedding worker {} did not stop; leaving its session open", worker.getName());
            } else {
                stopped.add(sessions.get(i));
            }
        }
        ModelRunner.closeAll(stopped);
        if (stopped.size() == sessions.size()) {
            tokeniser.close();
        }
        log.info("Embedding engine closed ({} vectors, {} rejected)", embedded.sum(), rejected.sum());
    }
}
