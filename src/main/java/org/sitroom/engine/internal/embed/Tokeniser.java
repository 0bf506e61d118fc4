package org.sitroom.engine.internal.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.Map;
import org.sitroom.engine.EmbeddingModelException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A HuggingFace {@code tokenizer.json} run by DJL's native tokenizers, truncating at the model's max length and never
 * padding (batches pad themselves, to their own longest text).
 *
 * <p>Thread-safe: the native tokenizer is immutable once configured.
 */
final class Tokeniser implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final long handle;
    private final BitSet specialIds;
    private final int unknownId;
    private final int maxId;
    private final long padId;

    private Tokeniser(HuggingFaceTokenizer tokenizer, BitSet specialIds, int unknownId, int maxId, long padId) {
        this.tokenizer = tokenizer;
        this.handle = tokenizer.getHandle();
        this.specialIds = specialIds;
        this.unknownId = unknownId;
        this.maxId = maxId;
        this.padId = padId;
    }

    static Tokeniser load(byte[] json, int maxTokens, String where) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (RuntimeException e) {
            throw new EmbeddingModelException(where + ": tokenizer.json is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode model = root.path("model");
        if (!model.isObject()) {
            throw new EmbeddingModelException(where + ": tokenizer.json has no \"model\" section; is it a HuggingFace "
                    + "tokenizers file (not tokenizer_config.json or vocab.txt)?");
        }
        BitSet special = new BitSet();
        int maxId = -1;
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt(-1);
            maxId = Math.max(maxId, id);
            if (id >= 0 && added.path("special").asBoolean(false)) {
                special.set(id);
            }
        }
        int unknown = -1;
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) { // WordPiece, BPE, WordLevel: token -> id
            for (JsonNode id : vocab.values()) {
                maxId = Math.max(maxId, id.asInt(-1));
            }
            String unkToken = model.path("unk_token").asString(null);
            if (unkToken != null && vocab.has(unkToken)) {
                unknown = vocab.get(unkToken).asInt();
            }
        } else if (vocab.isArray()) { // Unigram: [token, score] by id
            maxId = Math.max(maxId, vocab.size() - 1);
            unknown = model.path("unk_id").asInt(-1);
        }
        if (maxId < 0) {
            throw new EmbeddingModelException(where + ": tokenizer.json has an empty vocabulary");
        }
        long padId = root.path("padding").path("pad_id").asLong(0);
        HuggingFaceTokenizer tokenizer;
        try {
            // Padding off: the file may ask for fixed padding (MiniLM's says 128), which would waste compute.
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens),
                    "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException e) {
            throw new EmbeddingModelException(where + ": tokenizer.json could not be loaded by the HuggingFace "
                    + "tokenizer: " + e.getMessage(), e);
        }
        return new Tokeniser(tokenizer, special, unknown, maxId, padId);
    }

    /**
     * Token ids of {@code text}, special tokens included, truncated to the max length.
     *
     * <p>Calls the native library directly for the ids only: DJL's {@code encode} also copies tokens, offsets, word
     * ids and masks out of native memory, about ten arrays and a String per token for every post.
     */
    long[] encode(String text) {
        long encoding = TokenizersLibrary.LIB.encode(handle, text, true);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** Whether the ids hold a token that is neither special nor unknown, i.e. something the model can read. */
    boolean hasKnownToken(long[] ids) {
        for (long id : ids) {
            if (id != unknownId && (id > Integer.MAX_VALUE || !specialIds.get((int) id))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the ids hold anything besides special tokens (unknown ones count as something). */
    boolean hasContent(long[] ids) {
        for (long id : ids) {
            if (id == unknownId || id > Integer.MAX_VALUE || !specialIds.get((int) id)) {
                return true;
            }
        }
        return false;
    }

    /** The largest id in the vocabulary; the start-up probe feeds it to the model to prove the files belong together. */
    int maxId() {
        return maxId;
    }

    long padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
