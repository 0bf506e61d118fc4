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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.sitroom.engine.EmbeddingResult;
import org.sitroom.engine.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session on its own thread: takes length-bucketed batches from the queue, runs the model, pools and
 * normalises, completes the jobs.
 *
 * <p>Input and output tensors wrap direct buffers allocated once at the largest batch size, so a batch allocates no
 * tensor memory: ONNX Runtime reads the inputs and writes {@code last_hidden_state} in place (pinned output).
 */
final class InferenceWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(InferenceWorker.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelRunner.Shape shape;
    private final BatchQueue queue;
    private final int batchSize;
    private final Completion completion;
    private final LongBuffer ids;
    private final LongBuffer mask;
    private final LongBuffer types;
    private final FloatBuffer hidden;
    private final float[] row;
    private final double[] sum;
    private final LongAdder realTokens;
    private final LongAdder paddedTokens;

    /** Where finished jobs go (cache, counters) before their caller sees them. */
    interface Completion {
        void done(Job job, EmbeddingResult result);
    }

    InferenceWorker(OrtEnvironment env, OrtSession session, ModelRunner.Shape shape, BatchQueue queue, int batchSize,
            Completion completion, LongAdder realTokens,
            LongAdder paddedTokens) {
        this.realTokens = realTokens;
        this.paddedTokens = paddedTokens;
        this.env = env;
        this.session = session;
        this.shape = shape;
        this.queue = queue;
        this.batchSize = batchSize;
        this.completion = completion;
        int tokens = batchSize * shape.maxTokens();
        this.ids = directLongs(tokens);
        this.mask = directLongs(tokens);
        this.types = directLongs(tokens); // stays all zero: single-sentence inputs are segment 0
        this.hidden = ByteBuffer.allocateDirect(Math.multiplyExact(tokens, shape.dimension()) * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.row = new float[shape.dimension()];
        this.sum = new double[shape.dimension()];
    }

    @Override
    public void run() {
        List<Job> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                batch.clear();
                if (queue.take(batch, batchSize) == 0) {
                    return; // closed
                }
                process(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a batch; if the model fails on it, runs each text alone so only the culprit is rejected. */
    void process(List<Job> batch) {
        EmbeddingResult[] results;
        try {
            results = infer(batch);
        } catch (OrtException | RuntimeException e) {
            if (batch.size() > 1) {
                log.warn("Embedding batch of {} failed ({}); retrying its texts one by one", batch.size(), e.toString());
                for (Job job : batch) {
                    process(List.of(job));
                }
                return;
            }
            results = new EmbeddingResult[] {new EmbeddingResult.Rejected(RejectionReason.INFERENCE_FAILED,
                    "the model failed on this text: " + e.getMessage())};
        }
        for (int i = 0; i < batch.size(); i++) {
            completion.done(batch.get(i), results[i]);
        }
    }

    private EmbeddingResult[] infer(List<Job> batch) throws OrtException {
        int rows = batch.size();
        int width = 0;
        for (Job job : batch) {
            width = Math.max(width, job.length());
        }
        int cells = rows * width;
        paddedTokens.add(cells);
        ids.clear();
        mask.clear();
        for (Job job : batch) {
            long[] tokens = job.ids;
            realTokens.add(tokens.length);
            ids.put(tokens);
            for (int i = 0; i < tokens.length; i++) {
                mask.put(1L);
            }
            for (int i = tokens.length; i < width; i++) {
                ids.put(shape.padId());
                mask.put(0L);
            }
        }
        ids.flip();
        mask.flip();
        types.clear().limit(cells);
        hidden.clear().limit(cells * shape.dimension());
        long[] inputShape = {rows, width};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, ids, inputShape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, inputShape);
                OnnxTensor typesTensor = shape.tokenTypes() ? OnnxTensor.createTensor(env, types, inputShape) : null;
                OnnxTensor output = OnnxTensor.createTensor(env, hidden, new long[] {rows, width, shape.dimension()});
                OrtSession.Result ignored = session.run(inputs(idsTensor, maskTensor, typesTensor),
                        Map.of(shape.output(), output))) {
            // The model wrote last_hidden_state straight into `hidden`.
        }
        EmbeddingResult[] results = new EmbeddingResult[rows];
        for (int r = 0; r < rows; r++) {
            results[r] = pool(r, width, batch.get(r).length());
        }
        return results;
    }

    private Map<String, OnnxTensor> inputs(OnnxTensor ids, OnnxTensor mask, OnnxTensor types) {
        return types == null
                ? Map.of(ModelRunner.INPUT_IDS, ids, ModelRunner.ATTENTION_MASK, mask)
                : Map.of(ModelRunner.INPUT_IDS, ids, ModelRunner.ATTENTION_MASK, mask, ModelRunner.TOKEN_TYPE_IDS,
                        types);
    }

    /** Pools row {@code r} over its real tokens only (padding is masked out), then L2-normalises. */
    private EmbeddingResult pool(int r, int width, int length) {
        int dim = shape.dimension();
        int base = r * width * dim;
        java.util.Arrays.fill(sum, 0);
        int tokens = shape.pooling() == ModelFiles.Pooling.CLS ? 1 : length;
        for (int t = 0; t < tokens; t++) {
            hidden.get(base + t * dim, row, 0, dim);
            for (int k = 0; k < dim; k++) {
                sum[k] += row[k];
            }
        }
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            norm += sum[k] * sum[k];
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return new EmbeddingResult.Rejected(RejectionReason.INVALID_OUTPUT,
                    "the model's vector for this text is zero or not finite");
        }
        // Mean pooling's division by the token count cancels in the normalisation, so it is skipped.
        float[] vector = new float[dim];
        for (int k = 0; k < dim; k++) {
            vector[k] = (float) (sum[k] / norm);
        }
        return new EmbeddingResult.Embedded(vector);
    }

    private static LongBuffer directLongs(int count) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(count, Long.BYTES)).order(ByteOrder.nativeOrder())
                .asLongBuffer();
    }
}
