package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.engine.internal.embed.OnnxEmbedder;

/** A model folder that is wrong fails at start, saying what is missing or what does not fit. */
class ModelFolderTest {

    private static final String INT8_DESCRIPTOR = """
            name: minilm-from-folder
            dimension: 384
            pooling: mean
            max-tokens: 128
            query-prefix: "query: "
            passage-prefix: "passage: "
            """;

    @TempDir
    Path temp;

    private static Embeddings open(Path folder) {
        return OnnxEmbedder.open(EmbeddingSettings.defaults().withModelFolder(folder).withSessions(1, 1));
    }

    @Test
    void aGoodFolderLoadsWithItsDescriptor() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("good"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                INT8_DESCRIPTOR);
        try (Embeddings engine = open(folder)) {
            assertThat(engine.model().name()).isEqualTo("minilm-from-folder");
            assertThat(engine.model().maxTokens()).isEqualTo(128);
            assertThat(engine.model().pooling()).isEqualTo("mean");
            // Prefixes are applied: a passage and a query of the same words differ, each matches its prefixed form.
            float[] passage = engine.embed(List.of("flooded road")).vector(0);
            float[] query = engine.embedQuery("flooded road");
            assertThat(TestVectors.cosine(passage, query)).isLessThan(0.999);
            try (Embeddings plain = OnnxEmbedder.open(EmbeddingSettings.defaults().withSessions(1, 1))) {
                assertThat(TestVectors.cosine(query, plain.embed(List.of("query: flooded road")).vector(0)))
                        .isGreaterThan(0.999);
            }
        }
    }

    @Test
    void clsPoolingIsHonoured() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("cls"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                "dimension: 384\npooling: cls\nmax-tokens: 64\n");
        try (Embeddings cls = open(folder); Embeddings mean = OnnxEmbedder.open(EmbeddingSettings.defaults())) {
            assertThat(cls.model().pooling()).isEqualTo("cls");
            assertThat(cls.model().name()).isEqualTo("cls"); // no name: the folder's
            String text = "Shelter open at the school";
            assertThat(TestVectors.cosine(cls.embed(List.of(text)).vector(0), mean.embed(List.of(text)).vector(0)))
                    .isLessThan(0.98);
        }
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = temp.resolve("nowhere");
        assertThatThrownBy(() -> open(missing)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("sitroom.engine.embedding.model-folder");
    }

    @Test
    void everyMissingFileIsListed() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> open(empty)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("is missing model.onnx, tokenizer.json, sitroom-model.yml");
        Files.writeString(empty.resolve("model.onnx"), "x");
        assertThatThrownBy(() -> open(empty)).hasMessageContaining("is missing tokenizer.json, sitroom-model.yml");
    }

    @Test
    void aBadDescriptorSaysWhichKeysAreWrong() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("bad"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                "dimension: lots\npooling: max\n");
        assertThatThrownBy(() -> open(folder)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("sitroom-model.yml")
                .hasMessageContaining("dimension must be a positive whole number, got 'lots'")
                .hasMessageContaining("max-tokens is missing")
                .hasMessageContaining("pooling must be mean or cls, got 'max'");
        Files.writeString(folder.resolve("sitroom-model.yml"), "dimension: 384\npooling: mean\nmax-tokens: 64\nmaxLen: 3\n");
        assertThatThrownBy(() -> open(folder)).hasMessageContaining("unknown keys [maxLen]");
    }

    @Test
    void aDescriptorInJsonIsReadToo() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("json"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                "ignored");
        Files.delete(folder.resolve("sitroom-model.yml"));
        Files.writeString(folder.resolve("sitroom-model.json"),
                "{\"name\": \"from-json\", \"dimension\": 384, \"pooling\": \"mean\", \"max-tokens\": 32}");
        try (Embeddings engine = open(folder)) {
            assertThat(engine.model().name()).isEqualTo("from-json");
        }
    }

    @Test
    void aWrongDimensionIsCaughtAgainstTheModel() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("dim"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                "dimension: 768\npooling: mean\nmax-tokens: 128\n");
        assertThatThrownBy(() -> open(folder)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("produces 384-dimensional vectors, but the descriptor says dimension 768");
    }

    @Test
    void aTokenizerFromAnotherModelIsCaughtAtStart() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("mismatch"), ModelFolders.INT8_ONNX,
                ModelFolders.INT8_TOKENIZER, "dimension: 384\npooling: mean\nmax-tokens: 128\n");
        // A vocabulary larger than the model's embedding table, as a multilingual tokenizer would have.
        Path tokenizer = folder.resolve("tokenizer.json");
        String json = Files.readString(tokenizer);
        Files.writeString(tokenizer, json.replace("\"[unused0]\": 1,", "\"[unused0]\": 1, \"extra-token\": 250000,"));
        assertThatThrownBy(() -> open(folder)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("tokenizer.json belongs to another model")
                .hasMessageContaining("250000");
    }

    @Test
    void maxTokensBeyondThePositionTableIsCaughtAtStart() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("long"), ModelFolders.INT8_ONNX, ModelFolders.INT8_TOKENIZER,
                "dimension: 384\npooling: mean\nmax-tokens: 1024\n");
        assertThatThrownBy(() -> open(folder)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("max-tokens=1024");
    }

    @Test
    void aFileThatIsNoModelIsNamed() throws Exception {
        Path folder = ModelFolders.create(temp.resolve("garbage"), ModelFolders.INT8_ONNX,
                ModelFolders.INT8_TOKENIZER, "dimension: 384\npooling: mean\nmax-tokens: 128\n");
        Files.writeString(folder.resolve("model.onnx"), "this is not a protobuf");
        assertThatThrownBy(() -> open(folder)).isInstanceOf(EmbeddingModelException.class)
                .hasMessageContaining("model.onnx is not a model ONNX Runtime can load");
        Files.writeString(folder.resolve("tokenizer.json"), "{\"version\": \"1.0\"}");
        assertThatThrownBy(() -> open(folder)).hasMessageContaining("tokenizer.json has no \"model\" section");
    }
}
