package org.sitroom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.internal.embed.OnnxEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100k posts through the engine: the process's resident memory must stay flat once warm. A leaked OnnxTensor,
 * result or tokenizer encoding per batch or per post would add tens of megabytes over the run.
 */
class NativeMemoryTest {

    private static final Logger log = LoggerFactory.getLogger(NativeMemoryTest.class);
    private static final int POSTS = 100_000;
    private static final int PER_CALL = 1_000;
    private static final int WARM_UP = 20_000;
    /** Allowed growth after warm-up; a leak of 1 KB per post alone would be 80 MB. */
    private static final long MAX_GROWTH_KB = 40 * 1024;

    private static final String[] WHAT = {"fire", "flood", "outage", "crash", "leak", "storm", "quake", "closure"};
    private static final String[] WHERE = {"harbour", "school", "bridge", "market", "station", "hospital", "park"};

    @Test
    void residentMemoryStaysFlatOver100kPosts() throws Exception {
        List<Long> samples = new ArrayList<>();
        long warm = 0;
        // Cache off: every post runs through tokenizer and model, which is where native memory could leak.
        try (Embeddings engine = OnnxEmbedder.open(EmbeddingSettings.defaults().withCacheSize(0))) {
            for (int start = 0; start < POSTS; start += PER_CALL) {
                List<String> texts = new ArrayList<>(PER_CALL);
                for (int i = start; i < start + PER_CALL; i++) {
                    // Short (about 6 tokens) so 100k posts take about a minute on two quiet cores.
                    texts.add(WHAT[i % WHAT.length] + " " + WHERE[i % WHERE.length] + " " + i);
                }
                EmbeddingBatch batch = engine.embed(texts);
                assertThat(batch.rejectedCount()).isZero();
                int done = start + PER_CALL;
                if (done % WARM_UP == 0) {
                    System.gc(); // heap garbage is not a leak; measure what stays
                    long rss = residentKb();
                    samples.add(rss);
                    if (done == WARM_UP) {
                        warm = rss;
                    }
                }
            }
            assertThat(engine.stats().embedded()).isEqualTo(POSTS);
        }
        log.info("VmRSS every {} posts (KB): {}", WARM_UP, samples);
        assertThat(samples).hasSize(POSTS / WARM_UP);
        // Against the lowest sample: the first can still carry heap that a later collection hands back.
        long lowest = samples.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(samples.getLast() - lowest).as("RSS growth after warm-up, KB; samples %s", samples)
                .isLessThan(MAX_GROWTH_KB);
        assertThat(warm).isPositive();
    }

    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
