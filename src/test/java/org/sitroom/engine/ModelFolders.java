package org.sitroom.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Builds model folders for tests from the model files that ride on the test classpath. */
final class ModelFolders {

    static final String INT8_ONNX = "all-minilm-l6-v2-q.onnx";
    static final String INT8_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    static final String FP32_ONNX = "all-minilm-l6-v2.onnx";
    static final String FP32_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    static final String MINILM_DESCRIPTOR = """
            name: all-MiniLM-L6-v2-fp32
            dimension: 384
            pooling: mean
            max-tokens: 256
            """;

    private ModelFolders() {
    }

    /** A folder with {@code model.onnx}, {@code tokenizer.json} and {@code sitroom-model.yml}. */
    static Path create(Path folder, String onnxResource, String tokenizerResource, String descriptor)
            throws IOException {
        Files.createDirectories(folder);
        copy(onnxResource, folder.resolve("model.onnx"));
        copy(tokenizerResource, folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve("sitroom-model.yml"), descriptor);
        return folder;
    }

    static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ModelFolders.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
