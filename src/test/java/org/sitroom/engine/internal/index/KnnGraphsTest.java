package org.sitroom.engine.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sitroom.engine.internal.index.TestPosts.near;
import static org.sitroom.engine.internal.index.TestPosts.post;
import static org.sitroom.engine.internal.index.TestPosts.randomUnit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnGraphsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    /** Clustered synthetic posts: {@code clusters} centres, paraphrase-like spread, 10% unclustered noise. */
    static List<PostRecord> clustered(String situation, int n, int clusters, Random rnd) {
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = randomUnit(rnd);
        }
        List<PostRecord> posts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = i % 10 == 9 ? randomUnit(rnd) : near(centres[rnd.nextInt(clusters)], 0.038, rnd);
            posts.add(post(situation, situation + "-" + i, "en", T0.plusSeconds(i), "post " + i, v));
        }
        return posts;
    }

    @Test
    void hnswGraphMatchesTheExactGraph() throws Exception {
        Random rnd = new Random(1);
        try (PostIndex index = new PostIndex(dir)) {
            List<PostRecord> a = clustered("a", 5000, 40, rnd);
            // A second situation interleaved in the same segments: it must never appear in a's graph.
            List<PostRecord> b = clustered("b", 1000, 10, rnd);
            // Segments larger than EXACT_SEGMENT_MAX so the HNSW path (not the exact fallback) is what is tested.
            for (int i = 0; i < 2; i++) {
                index.add(a.subList(i * 2500, (i + 1) * 2500));
                index.add(b.subList(i * 500, (i + 1) * 500));
                index.count("a"); // refresh: more than one segment, as after a day of ingest
            }
            assertThat(2500).isGreaterThan(KnnGraphs.EXACT_SEGMENT_MAX);
            int k = 10;
            long t0 = System.nanoTime();
            KnnGraph approx = KnnGraphs.build(index, "a", k);
            long t1 = System.nanoTime();
            KnnGraph exact = KnnGraphs.buildExact(index, "a", k);
            long t2 = System.nanoTime();
            System.out.printf("k-NN graph n=5000 k=%d: HNSW %d ms, exact %d ms%n", k, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000);

            assertThat(approx.ids()).containsExactly(exact.ids());
            assertThat(approx.size()).isEqualTo(5000);
            assertThat(new HashSet<>(Arrays.asList(approx.ids())))
                    .isEqualTo(a.stream().map(PostRecord::id).collect(java.util.stream.Collectors.toSet()));
            Map<String, float[]> vectors = new HashMap<>();
            a.forEach(p -> vectors.put(p.id(), p.vector()));

            long hits = 0;
            for (int node = 0; node < approx.size(); node++) {
                int[] nb = approx.neighbours()[node];
                float[] d = approx.distances()[node];
                assertThat(nb).hasSize(k).doesNotContain(node);
                for (int j = 0; j < k; j++) {
                    if (j > 0) {
                        assertThat(d[j]).isGreaterThanOrEqualTo(d[j - 1]);
                    }
                    float expected = 1 - TestPosts.dot(vectors.get(approx.ids()[node]), vectors.get(approx.ids()[nb[j]]));
                    assertThat(d[j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
                }
                Set<Integer> truth = new HashSet<>();
                for (int x : exact.neighbours()[node]) {
                    truth.add(x);
                }
                for (int x : nb) {
                    if (truth.contains(x)) {
                        hits++;
                    }
                }
            }
            double recall = hits / (double) (approx.size() * k);
            System.out.printf("k-NN graph recall@%d vs exact: %.4f%n", k, recall);
            assertThat(recall).isGreaterThan(0.95);
        }
    }

    @Test
    void tinySituationsAndDeletedPosts() throws Exception {
        Random rnd = new Random(2);
        try (PostIndex index = new PostIndex(dir)) {
            index.add(clustered("a", 3, 1, rnd));
            KnnGraph g = KnnGraphs.build(index, "a", 5);
            assertThat(g.size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(g.neighbours()[i]).hasSize(2).doesNotContain(i);
            }
            assertThat(KnnGraphs.build(index, "empty", 5).size()).isZero();

            // Re-adding a post deletes its old copy: the graph sees each post once.
            index.add(clustered("a", 3, 1, rnd));
            assertThat(KnnGraphs.build(index, "a", 5).size()).isEqualTo(3);
            assertThat(KnnGraphs.buildExact(index, "a", 5).size()).isEqualTo(3);
        }
    }
}
