package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sitroom.engine.TestVectors.cosine;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitroom.bench.CrisisLexTexts;
import org.sitroom.engine.internal.embed.OnnxEmbedder;

/** The engine through its public API, on the built-in int8 model. */
class EmbeddingsTest {

    private static Embeddings engine;

    @BeforeAll
    static void start() {
        engine = OnnxEmbedder.open(EmbeddingSettings.defaults());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void paraphrasesScoreFarAboveUnrelatedPairs() {
        List<String[]> paraphrases = List.of(
                new String[] {"Two explosions near the finish line of the Boston Marathon",
                        "Bombs went off close to where the Boston marathon ends"},
                new String[] {"The river burst its banks and flooded the town centre",
                        "Floodwater from the river has swamped the middle of town"},
                new String[] {"A strong earthquake shook the city this morning",
                        "This morning the city was hit by a powerful quake"},
                new String[] {"Volunteers are handing out water and blankets at the shelter",
                        "At the shelter, helpers give people blankets and drinking water"});
        List<String[]> unrelated = List.of(
                new String[] {"Two explosions near the finish line of the Boston Marathon",
                        "My favourite recipe for banana bread uses walnuts"},
                new String[] {"The river burst its banks and flooded the town centre",
                        "The quarterly earnings report beat analyst expectations"},
                new String[] {"A strong earthquake shook the city this morning",
                        "Learn to play the guitar in thirty days"},
                new String[] {"Volunteers are handing out water and blankets at the shelter",
                        "The new phone has a faster processor and a better camera"});
        double lowestParaphrase = paraphrases.stream().mapToDouble(this::similarity).min().orElseThrow();
        double highestUnrelated = unrelated.stream().mapToDouble(this::similarity).max().orElseThrow();
        assertThat(lowestParaphrase).isGreaterThan(0.6);
        assertThat(highestUnrelated).isLessThan(0.25);
        assertThat(lowestParaphrase - highestUnrelated).isGreaterThan(0.4);
    }

    private double similarity(String[] pair) {
        EmbeddingBatch batch = engine.embed(List.of(pair));
        return cosine(batch.vector(0), batch.vector(1));
    }

    @Test
    void aTextAloneAndInsideAPaddedBatchAgree() {
        String shortText = "Power is out across the east side";
        float[] alone = engine.embed(List.of(shortText)).vector(0);
        List<String> batch = new ArrayList<>();
        batch.add("Evacuation orders issued for three more neighbourhoods as the fire spreads east towards the "
                + "reservoir, officials say roads north of the highway are closed until further notice");
        batch.add(shortText);
        batch.add("Shelters at the high school and the community centre are open all night with food and cots for "
                + "families and pets; bring medication and documents if you can");
        EmbeddingBatch result = engine.embed(batch);
        assertThat(cosine(alone, result.vector(1))).isGreaterThanOrEqualTo(0.99);
        // and results keep input order: the long texts are not the short one
        assertThat(cosine(alone, result.vector(0))).isLessThan(0.9);
    }

    /**
     * The int8 model quantises activations with one scale per run, so texts embedded in one run shift each other's
     * vectors a little even though padding is masked out of the pooling. With the default of one text per run, a
     * text's vector is the same whatever else the call holds, so the same posts always give the same narratives.
     */
    @Test
    void aTextsVectorDoesNotDependOnWhatElseIsEmbeddedWithIt() {
        List<String> tweets = CrisisLexTexts.event("2013_Boston_bombings").subList(0, 200);
        try (Embeddings uncached = OnnxEmbedder.open(EmbeddingSettings.defaults().withCacheSize(0))) {
            EmbeddingBatch together = uncached.embed(tweets);
            EmbeddingBatch reversed = uncached.embed(tweets.reversed());
            for (int i = 0; i < tweets.size(); i++) {
                float[] alone = uncached.embed(List.of(tweets.get(i))).vector(0);
                assertThat(together.vector(i)).as("tweet %d in a call of 200", i).containsExactly(alone);
                assertThat(reversed.vector(tweets.size() - 1 - i)).as("tweet %d, reversed call", i).containsExactly(alone);
            }
        }
    }

    /** Why the default is one text per run: in batches of 32, neighbours shift a vector (slightly, but they do). */
    @Test
    void batchesOfSeveralTextsShiftInt8VectorsSlightly() {
        List<String> tweets = CrisisLexTexts.event("2013_Boston_bombings").subList(0, 200);
        EmbeddingSettings batched = EmbeddingSettings.defaults().withCacheSize(0).withBatching(32, 4096);
        try (Embeddings uncached = OnnxEmbedder.open(batched)) {
            EmbeddingBatch together = uncached.embed(tweets);
            double[] agreement = new double[tweets.size()];
            for (int i = 0; i < tweets.size(); i++) {
                float[] alone = uncached.embed(List.of(tweets.get(i))).vector(0);
                agreement[i] = alone == null ? 1 : cosine(alone, together.vector(i));
            }
            java.util.Arrays.sort(agreement);
            assertThat(agreement[agreement.length / 2]).as("median").isGreaterThanOrEqualTo(0.99);
            assertThat(agreement[0]).as("worst").isGreaterThanOrEqualTo(0.97).isLessThan(0.9999);
        }
    }

    @Test
    void vectorsAreUnitLengthOfTheModelsDimension() {
        EmbeddingBatch batch = engine.embed(List.of("Road closed due to flooding", "Stay safe everyone"));
        assertThat(batch.model()).isEqualTo(engine.model());
        for (int i = 0; i < batch.size(); i++) {
            assertThat(batch.vector(i)).hasSize(384);
            assertThat(TestVectors.norm(batch.vector(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void modelIdentityNamesTheBuiltInModelAndHashesItsFile() throws Exception {
        String expectedSha;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
            expectedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
        assertThat(engine.model()).isEqualTo(
                new ModelIdentity("all-MiniLM-L6-v2-int8", 384, expectedSha, "mean", 256));
    }

    @Test
    void retweetsAndRepeatsComeFromTheCache() {
        EmbeddingStats before = engine.stats();
        String original = "Bridge on route 9 collapsed, avoid the area http://t.co/abc123";
        float[] first = engine.embed(List.of(original)).vector(0);
        EmbeddingBatch again = engine.embed(List.of("RT @newsdesk: " + original.replace("abc123", "zzz999"),
                original, original));
        EmbeddingStats after = engine.stats();
        assertThat(after.cacheHits() - before.cacheHits()).isEqualTo(3);
        assertThat(after.cacheMisses() - before.cacheMisses()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(again.vector(i)).containsExactly(first);
        }
        // Callers own their arrays: changing one does not change what the cache hands out next.
        again.vector(0)[0] = 42f;
        assertThat(engine.embed(List.of(original)).vector(0)).containsExactly(first);
        assertThat(after.cacheHitRate()).isGreaterThan(0);
    }

    @Test
    void embedQueryMatchesEmbedForAModelWithoutPrefixes() {
        String text = "where are the shelters";
        assertThat(cosine(engine.embedQuery(text), engine.embed(List.of(text)).vector(0))).isGreaterThan(0.9999);
        assertThatThrownBy(() -> engine.embedQuery("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EMPTY");
    }

    @Test
    void concurrentCallersThroughATinyQueueGetAllTheirOwnResults() throws Exception {
        String[] subjects = {"fire", "flood", "bridge collapse", "power cut", "gas leak", "earthquake", "storm surge",
            "landslide", "train crash", "missing child", "road block", "water shortage"};
        String[] places = {"the harbour", "the school", "the hospital", "main street", "the stadium"};
        EmbeddingSettings tiny = EmbeddingSettings.defaults().withBatching(4, 3).withCacheSize(0);
        try (Embeddings small = OnnxEmbedder.open(tiny); ExecutorService callers = Executors.newFixedThreadPool(4)) {
            List<Future<EmbeddingBatch>> futures = new ArrayList<>();
            List<List<String>> inputs = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                List<String> texts = IntStream.range(0, 60).mapToObj(i -> "Caller " + caller + " reports a "
                        + subjects[i % subjects.length] + " at " + places[i / subjects.length]).toList();
                inputs.add(texts);
                futures.add(callers.submit(() -> small.embed(texts)));
            }
            for (int c = 0; c < 4; c++) {
                EmbeddingBatch batch = futures.get(c).get();
                assertThat(batch.size()).isEqualTo(60);
                assertThat(batch.rejectedCount()).isZero();
                // Slot i holds text i: of all 60 results it is the one nearest to text i embedded alone.
                for (int i : new int[] {0, 17, 59}) {
                    float[] alone = engine.embed(List.of(inputs.get(c).get(i))).vector(0);
                    int nearest = 0;
                    for (int j = 1; j < batch.size(); j++) {
                        if (cosine(alone, batch.vector(j)) > cosine(alone, batch.vector(nearest))) {
                            nearest = j;
                        }
                    }
                    assertThat(nearest).isEqualTo(i);
                }
            }
            assertThat(small.stats().embedded()).isEqualTo(240);
            assertThat(small.stats().queued()).isZero();
        }
    }

    @Test
    void aClosedEngineRefusesWork() {
        Embeddings closing = OnnxEmbedder.open(EmbeddingSettings.defaults().withSessions(1, 1));
        assertThat(closing.embed(List.of("still open")).vector(0)).isNotNull();
        closing.close();
        closing.close(); // idempotent
        assertThatThrownBy(() -> closing.embed(List.of("too late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
