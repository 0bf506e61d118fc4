package org.sitroom.engine.internal.index;

import static org.sitroom.engine.internal.index.TestPosts.randomUnit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timings at 10k and 100k posts, too slow for every build: run by hand with
 * {@code bash .mvn/sitroom mvn -o test -Dtest=KnnGraphsScaleTest -Dsitroom.slow=true [-Dsitroom.slow.sizes=10000]
 * [-Dsitroom.slow.int7=true]}. Prints one line per figure.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "sitroom.slow", matches = "true")
class KnnGraphsScaleTest {

    private static final int K = 10;
    private static final int SAMPLE = 300;

    @TempDir
    Path dir;

    @Test
    void timings() throws Exception {
        boolean int7 = Boolean.getBoolean("sitroom.slow.int7");
        for (String size : System.getProperty("sitroom.slow.sizes", "10000,100000").split(",")) {
            int n = Integer.parseInt(size.strip());
            run(n, PostIndex.VectorFormat.FLOAT32);
            if (int7) {
                run(n, PostIndex.VectorFormat.INT7);
            }
        }
    }

    private void run(int n, PostIndex.VectorFormat format) throws Exception {
        String tag = "n=" + n + " " + format;
        Random rnd = new Random(n);
        List<PostRecord> posts = KnnGraphsTest.clustered("s", n, 50, rnd);
        try (PostIndex index = new PostIndex(dir.resolve(n + "-" + format), format)) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i += 1000) {
                index.add(posts.subList(i, Math.min(n, i + 1000)));
            }
            index.commit(Map.of("cursor", Integer.toString(n)));
            print(tag, "index build + commit (batches of 1000)", t);
            t = System.nanoTime();
            int count = index.count("s");
            print(tag, "first refresh (" + count + " posts, " + index.read(s -> s.getIndexReader().leaves().size())
                    + " segments)", t);

            List<Double> latencies = new ArrayList<>();
            for (int q = 0; q < 200; q++) {
                float[] v = posts.get(rnd.nextInt(n)).vector();
                long s = System.nanoTime();
                index.knn("s", v, 10, PostFilter.NONE);
                latencies.add((System.nanoTime() - s) / 1e6);
            }
            latencies.sort(null);
            System.out.printf("[scale] %s knn top-10 (100 candidates, exact re-score) median %.2f ms, p95 %.2f ms%n",
                    tag, latencies.get(100), latencies.get(190));

            List<Integer> breadths = n <= 20_000 ? List.of(16, 32, KnnGraphs.DEFAULT_BREADTH, 100)
                    : List.of(KnnGraphs.DEFAULT_BREADTH);
            float[][] vectors = posts.stream().map(PostRecord::vector).toArray(float[][]::new);
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < n; i++) {
                byId.put(posts.get(i).id(), i);
            }
            for (int breadth : breadths) {
                t = System.nanoTime();
                KnnGraph g = KnnGraphs.build(index, "s", K, breadth);
                print(tag, "k-NN graph HNSW k=" + K + " breadth=" + breadth, t);
                System.out.printf("[scale] %s   recall@%d (sample of %d vs brute force) %.4f%n", tag, K, SAMPLE,
                        recall(g, vectors, byId, rnd));
            }
            if (n <= 20_000) {
                t = System.nanoTime();
                KnnGraphs.buildExact(index, "s", K);
                print(tag, "k-NN graph exact k=" + K, t);
            }

            Map<String, Long> narratives = new HashMap<>();
            for (int i = 0; i < n; i++) {
                narratives.put(posts.get(i).id(), (long) rnd.nextInt(50));
            }
            t = System.nanoTime();
            index.setNarratives(narratives);
            index.count("s");
            print(tag, "setNarratives for all + refresh", t);
            t = System.nanoTime();
            index.commit(Map.of());
            print(tag, "commit after setNarratives", t);
            t = System.nanoTime();
            long[] seen = new long[1];
            index.forEachPost("s", p -> seen[0]++);
            print(tag, "forEachPost (" + seen[0] + ")", t);
        }
    }

    private static double recall(KnnGraph g, float[][] vectors, Map<String, Integer> byId, Random rnd) {
        int hits = 0;
        for (int s = 0; s < SAMPLE; s++) {
            int node = rnd.nextInt(g.size());
            int self = byId.get(g.ids()[node]);
            Integer[] order = new Integer[vectors.length];
            float[] dist = new float[vectors.length];
            for (int j = 0; j < vectors.length; j++) {
                order[j] = j;
                dist[j] = j == self ? Float.MAX_VALUE : 1 - VectorUtil.dotProduct(vectors[self], vectors[j]);
            }
            Arrays.sort(order, (x, y) -> Float.compare(dist[x], dist[y]));
            Set<Integer> truth = new HashSet<>(Arrays.asList(order).subList(0, K));
            for (int nb : g.neighbours()[node]) {
                if (truth.contains(byId.get(g.ids()[nb]))) {
                    hits++;
                }
            }
        }
        return hits / (double) (SAMPLE * K);
    }

    private static void print(String tag, String what, long startNanos) {
        System.out.printf("[scale] %s %s: %.2f s%n", tag, what, (System.nanoTime() - startNanos) / 1e9);
    }
}
