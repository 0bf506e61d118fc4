package org.sitroom.engine.internal.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.engine.EmbeddingModelException;

/** Starts ONNX Runtime sessions for a model and proves, before the first post, that model and tokenizer fit. */
final class ModelRunner {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";

    /** What a worker needs to know about the model's tensors. */
    record Shape(String output, int dimension, int maxTokens, ModelFiles.Pooling pooling, long padId,
            boolean tokenTypes) {
    }

    /**
     * Stack for threads that load or run ONNX Runtime. Loading ORT 1.29.0's native library needed about 7 MB of stack
     * on our Debian machines (smaller stacks die with SIGSEGV and no hs_err file), more than the 1 MB default of Java
     * threads, including the one that runs {@code main}. Only address space is reserved; pages are touched on use.
     */
    static final long NATIVE_STACK_BYTES = 32L * 1024 * 1024;

    private static volatile OrtEnvironment environment;

    private ModelRunner() {
    }

    /** The ONNX Runtime environment, its native library loaded on a thread with {@link #NATIVE_STACK_BYTES}. */
    static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env != null) {
            return env;
        }
        synchronized (ModelRunner.class) {
            if (environment == null) {
                OrtEnvironment[] loaded = new OrtEnvironment[1];
                Throwable[] failure = new Throwable[1];
                Thread loader = Thread.ofPlatform().name("sitroom-onnxruntime-loader").stackSize(NATIVE_STACK_BYTES)
                        .start(() -> {
                            try {
                                loaded[0] = OrtEnvironment.getEnvironment();
                                EnvironmentPin.pin();
                            } catch (Throwable t) {
                                failure[0] = t;
                            }
                        });
                try {
                    loader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddingModelException("Interrupted while loading ONNX Runtime", e);
                }
                if (failure[0] != null) {
                    throw new EmbeddingModelException("ONNX Runtime's native library failed to load: " + failure[0],
                            failure[0]);
                }
                environment = loaded[0];
            }
            return environment;
        }
    }

    static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        if (threads > 1) {
            // Idle pool threads would otherwise spin on cores that callers need for tokenising.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        return options;
    }

    /**
     * Opens {@code count} sessions. The first is checked (inputs, output, dimension) and probed with a full-length
     * input of the tokenizer's largest id: a tokenizer from another model, a max-tokens beyond the model's position
     * table or a wrong dimension fails here, at start, not at the first post.
     */
    static List<OrtSession> open(OrtEnvironment env, ModelFiles files, Tokeniser tokeniser, Shape[] shapeOut,
            int count, int threads) {
        List<OrtSession> sessions = new ArrayList<>(count);
        try (OrtSession.SessionOptions options = options(threads)) {
            for (int i = 0; i < count; i++) {
                OrtSession session;
                try {
                    session = env.createSession(files.onnx(), options);
                } catch (OrtException e) {
                    throw new EmbeddingModelException(files.origin() + ": model.onnx is not a model ONNX Runtime can "
                            + "load: " + e.getMessage(), e);
                }
                sessions.add(session);
                if (i == 0) {
                    shapeOut[0] = check(env, session, files, tokeniser);
                }
            }
            return sessions;
        } catch (OrtException | RuntimeException e) {
            closeAll(sessions);
            if (e instanceof EmbeddingModelException m) {
                throw m;
            }
            throw new EmbeddingModelException(files.origin() + ": cannot start ONNX Runtime: " + e.getMessage(), e);
        }
    }

    static void closeAll(List<OrtSession> sessions) {
        for (OrtSession session : sessions) {
            try {
                session.close();
            } catch (OrtException | RuntimeException ignored) {
                // closing on a failure path; the original error is what matters
            }
        }
    }

    private static Shape check(OrtEnvironment env, OrtSession session, ModelFiles files, Tokeniser tokeniser)
            throws OrtException {
        ModelFiles.Descriptor d = files.descriptor();
        String where = files.origin();
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new EmbeddingModelException(where + ": model.onnx takes inputs " + inputs + ", but a "
                    + "sentence-transformer export takes input_ids and attention_mask (and maybe token_type_ids).");
        }
        List<String> extra = inputs.stream().filter(n -> !Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(n))
                .sorted().toList();
        if (!extra.isEmpty()) {
            throw new EmbeddingModelException(where + ": model.onnx needs inputs " + extra + " that Sitroom cannot "
                    + "provide; export it with input_ids, attention_mask and optionally token_type_ids only.");
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String output = d.output();
        if (output == null) {
            output = outputs.containsKey("last_hidden_state") ? "last_hidden_state"
                    : outputs.size() == 1 ? outputs.keySet().iterator().next() : null;
            if (output == null) {
                throw new EmbeddingModelException(where + ": model.onnx has outputs " + outputs.keySet()
                        + "; name the one with token vectors as 'output:' in the descriptor.");
            }
        } else if (!outputs.containsKey(output)) {
            throw new EmbeddingModelException(where + ": the descriptor names output '" + output + "', but model.onnx "
                    + "has outputs " + outputs.keySet());
        }
        if (!(outputs.get(output).getInfo() instanceof TensorInfo info) || info.getShape().length != 3) {
            throw new EmbeddingModelException(where + ": output '" + output + "' of model.onnx is "
                    + outputs.get(output).getInfo() + "; Sitroom pools token vectors [batch, tokens, dimension] "
                    + "itself, so it needs the token-level output (usually last_hidden_state).");
        }
        long declared = info.getShape()[2];
        if (declared > 0 && declared != d.dimension()) {
            throw new EmbeddingModelException(where + ": model.onnx produces " + declared + "-dimensional vectors, "
                    + "but the descriptor says dimension " + d.dimension() + ".");
        }
        Shape shape = new Shape(output, d.dimension(), d.maxTokens(), d.pooling(), tokeniser.padId(),
                inputs.contains(TOKEN_TYPE_IDS));
        probe(env, session, shape, tokeniser.maxId(), where);
        return shape;
    }

    private static void probe(OrtEnvironment env, OrtSession session, Shape shape, int maxId, String where) {
        int n = shape.maxTokens();
        long[][] ids = new long[1][n];
        Arrays.fill(ids[0], maxId);
        long[][] mask = new long[1][n];
        Arrays.fill(mask[0], 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, ids));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, mask));
            if (shape.tokenTypes()) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, new long[1][n]));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(shape.output()))) {
                OnnxValue value = result.get(0);
                long[] got = ((TensorInfo) value.getInfo()).getShape();
                if (got.length != 3 || got[1] != n || got[2] != shape.dimension()) {
                    throw new EmbeddingModelException(where + ": a probe of " + n + " tokens gave output shape "
                            + Arrays.toString(got) + ", expected [1, " + n + ", " + shape.dimension() + "]; check "
                            + "dimension and output in the descriptor.");
                }
            }
        } catch (OrtException | RuntimeException e) {
            if (e instanceof EmbeddingModelException m) {
                throw m;
            }
            throw new EmbeddingModelException(where + ": model.onnx failed on a probe of max-tokens=" + n
                    + " tokens with the tokenizer's largest id " + maxId + ". Either tokenizer.json belongs to another "
                    + "model (its vocabulary does not fit the model's) or max-tokens exceeds the model's position limit. "
                    + "ONNX Runtime said: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
