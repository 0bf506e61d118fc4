package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.sitroom.engine.TestVectors.cosine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.internal.embed.OnnxEmbedder;

/** Hostile and odd posts: each gets a vector or a clear rejection, and none spoils its batch. */
class BadInputTest {

    private static final String GOOD_1 = "Firefighters have contained the blaze near the highway";
    private static final String GOOD_2 = "Residents can return home tomorrow morning";
    private static final String HUGE = "flood warning for the whole valley ".repeat(6000); // ~200 KB

    private static Embeddings engine;

    @BeforeAll
    static void start() {
        engine = OnnxEmbedder.open(EmbeddingSettings.defaults().withCacheSize(0));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void emptyAndBlankTextsAreRejectedAsEmpty() {
        EmbeddingBatch batch = engine.embed(Arrays.asList("", "   \n\t ", null, "\u0000\u0001\u200E"));
        assertThat(batch.results()).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                EmbeddingResult.Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(RejectionReason.EMPTY);
                    assertThat(rejected.detail()).isNotBlank();
                }));
    }

    @Test
    void emojiOnlyIsRejectedBecauseTheModelKnowsNoneOfItsTokens() {
        EmbeddingBatch batch = engine.embed(List.of("🔥🔥🔥 🙏", "😢"));
        assertThat(batch.results()).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                EmbeddingResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.NO_KNOWN_TOKENS)));
        // With a word beside the emoji there is something to embed.
        assertThat(engine.embed(List.of("praying 🙏")).vector(0)).isNotNull();
    }

    @Test
    void aHugeTextIsTruncatedToTheModelsLength() {
        assertThat(HUGE.length()).isGreaterThan(200_000);
        float[] huge = engine.embed(List.of(HUGE)).vector(0);
        float[] head = engine.embed(List.of(HUGE.substring(0, 3000))).vector(0); // already > 256 tokens
        assertThat(huge).isNotNull();
        assertThat(cosine(huge, head)).isGreaterThan(0.999);
    }

    @Test
    void unpairedSurrogatesAndNulBytesStillEmbed() {
        EmbeddingBatch batch = engine.embed(List.of("broken \uD83D text \uDC00 here", "hello\u0000 world"));
        assertValid(batch.vector(0));
        assertThat(cosine(batch.vector(1), engine.embed(List.of("hello world")).vector(0))).isGreaterThan(0.999);
    }

    @Test
    void rightToLeftAndMixedScriptsGetVectors() {
        EmbeddingBatch batch = engine.embed(List.of("مرحبا بالعالم", "שלום עולם", "Flood in Dhaka ঢাকায় বন্যা 😢",
                "Землетрясение в городе 地震 earthquake"));
        for (int i = 0; i < batch.size(); i++) {
            assertValid(batch.vector(i));
        }
    }

    @Test
    void badPostsNeverSpoilTheirBatch() {
        List<String> texts = new ArrayList<>(List.of(GOOD_1, "", "🔥🔥", HUGE, "a\uD800b", "x\u0000y", "مرحبا", GOOD_2));
        texts.add(null);
        EmbeddingBatch batch = engine.embed(texts);
        assertThat(batch.size()).isEqualTo(texts.size());
        assertThat(batch.get(1)).isInstanceOf(EmbeddingResult.Rejected.class);
        assertThat(batch.get(2)).isInstanceOf(EmbeddingResult.Rejected.class);
        assertThat(batch.get(8)).isInstanceOf(EmbeddingResult.Rejected.class);
        for (int i : new int[] {0, 3, 4, 5, 6, 7}) {
            assertValid(batch.vector(i));
        }
        // Unspoiled: the good posts' vectors are exactly those they get without the bad ones (one text per model run,
        // so nothing else in the call can reach a vector; the cache is off, so both calls ran the model).
        EmbeddingBatch alone = engine.embed(List.of(GOOD_1, GOOD_2));
        assertThat(batch.vector(0)).containsExactly(alone.vector(0));
        assertThat(batch.vector(7)).containsExactly(alone.vector(1));
    }

    private static void assertValid(float[] vector) {
        assertThat(vector).isNotNull().hasSize(384);
        assertThat(TestVectors.allFinite(vector)).isTrue();
        assertThat(TestVectors.norm(vector)).isCloseTo(1.0, offset(1e-4));
    }
}
