package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sitroom.engine.TestVectors.cosine;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.engine.EmbeddingSettings.Normalisation;
import org.sitroom.engine.internal.embed.OnnxEmbedder;

/**
 * Our pipeline (tokenise, run, mask-pool, normalise) against an independent implementation: langchain4j's own
 * in-process models on the same ONNX files.
 */
class ReferenceVectorsTest {

    /** Varied lengths in one batch, so padding and masking are exercised; all below 128 tokens. */
    private static final List<String> TEXTS = List.of(
            "Explosion at the Boston Marathon finish line",
            "Two bombs exploded near the finish line of the Boston Marathon on Monday afternoon, killing three "
                    + "people and injuring more than two hundred, according to officials at a press conference.",
            "ok",
            "Landslide blocks the mountain road; rescue teams are on their way with heavy machinery.",
            "Il pleut beaucoup à Montréal ce soir",
            "RT @someone: please share!!! #help #flood",
            "Numbers: 1, 22, 333 and 4444 — plus symbols & punctuation?!",
            "Volunteers needed at the Red Cross shelter on 5th Avenue; bring blankets, water and baby formula");

    @Test
    void fp32VectorsMatchLangchain4jOnTheSameModel(@TempDir Path temp) throws Exception {
        Path folder = ModelFolders.create(temp.resolve("fp32"), ModelFolders.FP32_ONNX, ModelFolders.FP32_TOKENIZER,
                ModelFolders.MINILM_DESCRIPTOR);
        // No normalisation: both sides must see identical text.
        EmbeddingSettings settings = EmbeddingSettings.defaults().withModelFolder(folder).withCacheSize(0)
                .withNormalisation(Normalisation.NONE);
        EmbeddingBatch ours;
        try (Embeddings engine = OnnxEmbedder.open(settings)) {
            ours = engine.embed(TEXTS);
            assertThat(engine.model().name()).isEqualTo("all-MiniLM-L6-v2-fp32");
            assertThat(engine.model().sha256()).isEqualTo(sha256(folder.resolve("model.onnx")));
        }
        assertAgree(ours, new AllMiniLmL6V2EmbeddingModel(), 0.999);
    }

    /**
     * langchain4j runs each text alone. With int8 a text's vector also depends a little on its batch neighbours
     * (dynamic quantisation picks one scale per batch tensor; see {@code EmbeddingsTest}), so here each text is
     * embedded alone too, which isolates the pipeline itself.
     */
    @Test
    void builtInInt8VectorsMatchLangchain4jsQuantizedModel() {
        EmbeddingSettings settings = EmbeddingSettings.defaults().withCacheSize(0).withNormalisation(Normalisation.NONE);
        List<EmbeddingResult> alone = new ArrayList<>();
        try (Embeddings engine = OnnxEmbedder.open(settings)) {
            for (String text : TEXTS) {
                alone.add(engine.embed(List.of(text)).get(0));
            }
            assertAgree(new EmbeddingBatch(engine.model(), alone), new AllMiniLmL6V2QuantizedEmbeddingModel(), 0.999);
        }
    }

    private static void assertAgree(EmbeddingBatch ours, EmbeddingModel reference, double minimum) {
        List<Embedding> theirs = reference.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
        assertThat(ours.rejectedCount()).isZero();
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(cosine(ours.vector(i), theirs.get(i).vector())).as(TEXTS.get(i)).isGreaterThanOrEqualTo(minimum);
        }
        // and they are not all alike, so agreement above is not trivial
        assertThat(cosine(ours.vector(0), theirs.get(2).vector())).isLessThan(0.8);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
