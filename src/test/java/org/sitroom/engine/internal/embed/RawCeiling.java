package org.sitroom.engine.internal.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sitroom.engine.EmbeddingSettings;

/**
 * The machine's ceiling for the benchmark: the same ONNX model on the very token ids the engine would infer
 * (normalised and tokenised beforehand, outside the timing), sorted by length over the whole set so batches carry
 * almost no padding, run with nothing else: no queue, no pooling, no cache.
 */
public final class RawCeiling {

    private final ModelFiles files;
    private final List<long[]> batchesOfIds;
    private final int texts;
    private final long tokens;
    private final int rejected;
    private final List<String> normalised;
    private volatile long lastCpuNanos;

    private RawCeiling(ModelFiles files, List<long[]> sortedIds, int texts, long tokens, int rejected,
            List<String> normalised) {
        this.normalised = normalised;
        this.files = files;
        this.batchesOfIds = sortedIds;
        this.texts = texts;
        this.tokens = tokens;
        this.rejected = rejected;
    }

    /** Normalises and tokenises {@code texts} as the engine does with default settings, and sorts them by length. */
    public static RawCeiling prepare(List<String> texts) {
        return prepare(texts, false);
    }

    /**
     * As {@link #prepare(List)}, keeping each normalised text once: the model work an ingest cannot avoid, since
     * the engine answers repeated texts from its cache.
     */
    public static RawCeiling prepareDistinct(List<String> texts) {
        return prepare(texts, true);
    }

    private static RawCeiling prepare(List<String> texts, boolean distinct) {
        Set<String> seen = new HashSet<>();
        ModelFiles files = ModelFiles.builtIn();
        ModelFiles.Descriptor d = files.descriptor();
        TextNormaliser normaliser = new TextNormaliser(EmbeddingSettings.Normalisation.DEFAULT);
        List<long[]> ids = new ArrayList<>(texts.size());
        List<String> normalised = new ArrayList<>(texts.size());
        long tokens = 0;
        int rejected = 0;
        try (Tokeniser tokeniser = Tokeniser.load(files.tokenizerJson(), d.maxTokens(), "bench")) {
            int maxChars = d.maxTokens() * OnnxEmbedder.CHARS_PER_TOKEN_CAP;
            for (String text : texts) {
                String s = normaliser.normalise(text);
                if (s.isBlank()) {
                    rejected++;
                    continue;
                }
                s = s.length() > maxChars ? s.substring(0, maxChars) : s;
                if (distinct && !seen.add(s)) {
                    continue;
                }
                long[] t = tokeniser.encode(s);
                if (!tokeniser.hasKnownToken(t)) {
                    rejected++;
                    continue;
                }
                ids.add(t);
                normalised.add(s);
                tokens += t.length;
            }
        }
        ids.sort(Comparator.comparingInt(a -> a.length));
        return new RawCeiling(files, ids, texts.size(), tokens, rejected, normalised);
    }

    /** Mean token count of the texts that reach the model. */
    public double meanTokens() {
        return (double) tokens / batchesOfIds.size();
    }

    /** The texts as the engine feeds them to the tokenizer (rejected ones left out), in input order. */
    public List<String> normalisedTexts() {
        return normalised;
    }

    public int rejected() {
        return rejected;
    }

    public String sha256() {
        return files.sha256();
    }

    /** Input posts per second (rejected ones included, as for the engine), with this session/thread layout. */
    public double postsPerSecond(int sessions, int threads, int batchSize) throws Exception {
        OrtEnvironment env = ModelRunner.environment();
        List<OrtSession> open = new ArrayList<>();
        try (OrtSession.SessionOptions options = ModelRunner.options(threads)) {
            for (int i = 0; i < sessions; i++) {
                open.add(env.createSession(files.onnx(), options));
            }
            int batches = (batchesOfIds.size() + batchSize - 1) / batchSize;
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> runners = new ArrayList<>();
            for (OrtSession session : open) {
                runners.add(Thread.ofPlatform().stackSize(ModelRunner.NATIVE_STACK_BYTES).start(() -> {
                    try {
                        start.await();
                        Runner runner = new Runner(env, session, batchSize, files.descriptor());
                        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                            runner.run(batchesOfIds.subList(b * batchSize,
                                    Math.min(batchesOfIds.size(), (b + 1) * batchSize)));
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }));
            }
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            start.countDown();
            for (Thread runner : runners) {
                runner.join();
            }
            long elapsed = System.nanoTime() - t0;
            lastCpuNanos = processCpuNanos() - c0;
            if (failure.get() != null) {
                throw new IllegalStateException("ceiling run failed", failure.get());
            }
            return texts / (elapsed / 1e9);
        } finally {
            ModelRunner.closeAll(open);
        }
    }

    /** Process CPU time of the last timed run (session start-up excluded). */
    public long lastCpuNanos() {
        return lastCpuNanos;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Fills reused direct buffers and runs one batch; the output lands in a reused buffer too. */
    private static final class Runner {
        private final OrtEnvironment env;
        private final OrtSession session;
        private final int dim;
        private final LongBuffer ids;
        private final LongBuffer mask;
        private final LongBuffer types;
        private final FloatBuffer hidden;

        Runner(OrtEnvironment env, OrtSession session, int batchSize, ModelFiles.Descriptor d) {
            this.env = env;
            this.session = session;
            this.dim = d.dimension();
            int cells = batchSize * d.maxTokens();
            this.ids = longs(cells);
            this.mask = longs(cells);
            this.types = longs(cells);
            this.hidden = ByteBuffer.allocateDirect(cells * dim * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }

        void run(List<long[]> batch) throws OrtException {
            int width = batch.getLast().length; // sorted ascending
            ids.clear();
            mask.clear();
            for (long[] row : batch) {
                ids.put(row);
                for (int i = 0; i < width; i++) {
                    mask.put(i < row.length ? 1L : 0L);
                }
                for (int i = row.length; i < width; i++) {
                    ids.put(0L);
                }
            }
            ids.flip();
            mask.flip();
            types.clear().limit(batch.size() * width);
            hidden.clear().limit(batch.size() * width * dim);
            long[] shape = {batch.size(), width};
            try (OnnxTensor a = OnnxTensor.createTensor(env, ids, shape);
                    OnnxTensor m = OnnxTensor.createTensor(env, mask, shape);
                    OnnxTensor t = OnnxTensor.createTensor(env, types, shape);
                    OnnxTensor out = OnnxTensor.createTensor(env, hidden, new long[] {batch.size(), width, dim});
                    OrtSession.Result ignored = session.run(Map.of(ModelRunner.INPUT_IDS, a,
                            ModelRunner.ATTENTION_MASK, m, ModelRunner.TOKEN_TYPE_IDS, t),
                            Map.of("last_hidden_state", out))) {
                // nothing else: this is the ceiling
            }
        }

        private static LongBuffer longs(int n) {
            return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        }
    }
}
