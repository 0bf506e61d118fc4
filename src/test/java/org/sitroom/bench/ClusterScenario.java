package org.sitroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.IngestReport;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.internal.cluster.ClusterMetrics;
import org.sitroom.engine.internal.cluster.KnnGraph;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.store.EngineStore;
import org.sitroom.engine.internal.store.GroupClusterer;
import org.sitroom.engine.internal.store.NarrativeVote;
import org.sitroom.engine.internal.store.Reclusterer;
import org.sitroom.testing.FixedEmbeddings;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * One scenario of the cluster benchmark, run in a JVM of its own (so its peak RSS is its own):
 * {@code 10000}, {@code 100000} (the production path: posts ingested into a Lucene index through the store, stage
 * timings of the recluster, the full production recluster, an incremental batch through the store),
 * {@code 1000000} (in memory: an IVF k-NN graph, then the production clustering step) or {@code crisislex} (the
 * production path on the real CrisisLexT26 + T6 tweets). Prints one line {@code RESULT {json}}.
 */
public final class ClusterScenario {

    static final int BATCH = 1000;
    static final String SITUATION = "bench";

    private ClusterScenario() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        Map<String, Object> out = switch (scenario) {
            case "crisislex" -> crisisLex();
            // A small run of the 1M path, to try it quickly: memNNN.
            case String m when m.startsWith("mem") -> inMemory(Integer.parseInt(m.substring(3)));
            default -> {
                int n = Integer.parseInt(scenario);
                yield n >= 1_000_000 ? inMemory(n) : throughStore(n);
            }
        };
        out.put("peak_rss_mib", peakRssMib());
        out.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("RESULT " + JsonMapper.builder().build().writeValueAsString(out));
    }

    static int narratives(int n) {
        return n >= 1_000_000 ? 500 : n >= 100_000 ? 200 : 50;
    }

    /** 10k / 100k planted posts through the store and reclusterer, as a situation would see them. */
    static Map<String, Object> throughStore(int n) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        long t = System.nanoTime();
        PlantedPosts data = PlantedPosts.generate(n, BATCH, narratives(n), 384, n);
        out.put("posts", n);
        out.put("planted_narratives", narratives(n));
        out.put("generate_seconds", secs(t));
        Map<String, float[]> byText = new HashMap<>();
        List<NewPost> posts = new ArrayList<>(n + BATCH);
        for (int i = 0; i < n + BATCH; i++) {
            String text = data.text(i);
            byText.putIfAbsent(text, data.vectors[i]);
            posts.add(new NewPost(SITUATION, "synthetic", String.format("%08d", i), "a" + (i % 5000), "en",
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), text, null));
        }
        Map<String, Object> r = storeScenario(posts.subList(0, n), posts.subList(n, n + BATCH), byText, data.truth,
                n <= 10_000 && Boolean.parseBoolean(System.getProperty("bench.tribuo", "true")));
        out.putAll(r);
        return out;
    }

    /**
     * The production path: ingest through {@link EngineStore} (vectors from a map instead of the model), the
     * clustering step's stages timed on the same posts, the full {@link Reclusterer} run, then one batch of new
     * posts through the store (k-NN vote assignment).
     */
    static Map<String, Object> storeScenario(List<NewPost> stored, List<NewPost> batch, Map<String, float[]> byText,
                                             int[] truth, boolean withTribuo)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = stored.size();
        Path folder = Files.createTempDirectory("sitroom-bench-index");
        ClusteringSettings settings = ClusteringSettings.defaults();
        try (PostIndex index = new PostIndex(folder)) {
            EngineStore store = new EngineStore(index, new FixedEmbeddings(384, byText::get), settings,
                    Clock.systemUTC(), e -> { });
            long t = System.nanoTime();
            for (int from = 0; from < n; from += 5000) {
                store.add(stored.subList(from, Math.min(n, from + 5000)));
            }
            out.put("ingest_seconds", secs(t));
            out.put("ingest_note", "store.add in batches of 5,000: embedding skipped (vectors given), duplicate "
                    + "grouping, Lucene HNSW indexing, k-NN vote per post, commit");

            // Stages of the clustering step, on the posts as the store grouped them (read back like a recluster).
            List<org.sitroom.engine.internal.index.PostVector> snapshot = new ArrayList<>();
            t = System.nanoTime();
            index.forEachPost(SITUATION, snapshot::add);
            snapshot.sort(Comparator.comparing(org.sitroom.engine.internal.index.PostVector::id));
            out.put("snapshot_seconds", secs(t));
            float[][] sv = new float[n][];
            long[] sg = new long[n];
            int[] st = new int[n];
            Map<String, Integer> indexOf = new HashMap<>();
            for (int i = 0; i < n; i++) {
                indexOf.put(stored.get(i).id(), i);
            }
            for (int i = 0; i < n; i++) {
                var p = snapshot.get(i);
                sv[i] = p.vector();
                sg[i] = p.dupGroup();
                st[i] = truth[indexOf.get(p.id())];
            }
            GroupClusterer clusterer = new GroupClusterer(settings);
            t = System.nanoTime();
            GroupClusterer.Points points = GroupClusterer.points(sv, sg);
            double pointsSeconds = secs(t);
            t = System.nanoTime();
            KnnGraph graph = clusterer.graph(points);
            double graphSeconds = secs(t);
            t = System.nanoTime();
            GroupClusterer.Result result = clusterer.cluster(points, graph);
            double clusterSeconds = secs(t);
            out.put("duplicate_groups", points.size());
            out.put("graph_seconds", graphSeconds);
            out.put("graph", result.parameters().get("graph") + ", k=" + result.parameters().get("k"));
            out.put("recluster_with_graph_seconds", pointsSeconds + clusterSeconds);
            out.put("clustering_step_seconds", pointsSeconds + graphSeconds + clusterSeconds);
            out.put("parameters", result.parameters());
            out.put("clusters", ClusterMetrics.clusterCount(result.labels()));
            out.put("noise_share", ClusterMetrics.noiseShare(result.labels()));
            out.put("ari_vs_planted", ClusterMetrics.ari(st, result.labels()));
            out.put("nmi_vs_planted", ClusterMetrics.nmi(st, result.labels()));

            // The full production recluster (snapshot, the step above again, stable ids, themes, apply + commit).
            Reclusterer reclusterer = new Reclusterer(store, settings, Clock.systemUTC(), e -> { });
            t = System.nanoTime();
            Clustering clustering = reclusterer.recluster(SITUATION);
            out.put("full_recluster_seconds", secs(t));
            out.put("full_recluster_narratives", clustering.clusters().size());

            // One batch of new posts through the store: assigned by k-NN vote to the narratives just computed.
            t = System.nanoTime();
            IngestReport report = store.add(batch);
            out.put("incremental_batch_seconds", secs(t));
            out.put("incremental_batch_posts", batch.size());
            out.put("incremental_assigned", report.assigned());
            out.put("incremental_note", "store.add of " + batch.size() + " new posts: duplicate groups, HNSW k-NN "
                    + "(" + settings.assignNeighbours() + ") vote per post, index add + commit");
            if (truth.length > n) {
                int[] bt = new int[batch.size()];
                int[] bp = new int[batch.size()];
                // Narrative ids of the stored posts, to name each new post's narrative by its planted majority.
                for (int i = 0; i < batch.size(); i++) {
                    bt[i] = truth[n + i];
                    String narrative = store.get(batch.get(i).id()).orElseThrow().narrativeId();
                    bp[i] = narrative == null ? -1 : Integer.parseInt(narrative);
                }
                out.put("incremental_ari_vs_planted", ClusterMetrics.ari(bt, bp));
            }
            if (withTribuo) {
                // Exact HDBSCAN* on every post (no duplicate collapsing), the same minClusterSize and minPts.
                int mcs = Integer.parseInt(result.parameters().get("minClusterSize"));
                int minPts = Integer.parseInt(result.parameters().get("minPts"));
                t = System.nanoTime();
                int[] labels = TribuoHdbscan.cluster(sv, mcs, minPts);
                double tribuoSeconds = secs(t);
                out.put("tribuo_seconds", tribuoSeconds);
                out.put("tribuo_ari_vs_planted", ClusterMetrics.ari(st, labels));
                out.put("tribuo_clusters", ClusterMetrics.clusterCount(labels));
                out.put("tribuo_noise_share", ClusterMetrics.noiseShare(labels));
                out.put("speedup_vs_tribuo", tribuoSeconds / (pointsSeconds + graphSeconds + clusterSeconds));
            }
        } finally {
            FileSystemUtils.deleteRecursively(folder.toFile());
        }
        return out;
    }

    /** 1M planted posts in memory: an IVF graph stands in for the HNSW index (see {@link IvfGraph}). */
    static Map<String, Object> inMemory(int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        ClusteringSettings settings = ClusteringSettings.defaults();
        long t = System.nanoTime();
        PlantedPosts data = PlantedPosts.generate(n, BATCH, narratives(n), 384, n);
        out.put("posts", n);
        out.put("planted_narratives", narratives(n));
        out.put("generate_seconds", secs(t));
        float[][] stored = java.util.Arrays.copyOf(data.vectors, n);
        long[] groups = java.util.Arrays.copyOf(data.group, n);
        int[] truth = java.util.Arrays.copyOf(data.truth, n);

        GroupClusterer clusterer = new GroupClusterer(settings);
        t = System.nanoTime();
        GroupClusterer.Points points = GroupClusterer.points(stored, groups);
        double pointsSeconds = secs(t);
        int k = clusterer.neighbours(points);
        t = System.nanoTime();
        int cells = 1024;
        IvfGraph ivf = IvfGraph.build(points.vectors(), cells, 2, 1L);
        double ivfBuild = secs(t);
        t = System.nanoTime();
        KnnGraph graph = ivf.graph(k);
        double graphQuery = secs(t);
        out.put("duplicate_groups", points.size());
        out.put("graph", "IVF (bench only): spherical k-means (4 Lloyd rounds) " + cells + " cells on an 8,192-point sample, each point "
                + "scans its 2 nearest cells exactly, cell by cell; k=" + k);
        out.put("graph_seconds", ivfBuild + graphQuery);
        out.put("graph_ivf_build_seconds", ivfBuild);
        t = System.nanoTime();
        out.put("graph_recall_at_k", IvfGraph.recall(points.vectors(), graph, k, 100, 7L));
        out.put("graph_recall_seconds", secs(t));
        double gc = gcSeconds();
        t = System.nanoTime();
        GroupClusterer.Result result = clusterer.cluster(points, graph);
        double clusterSeconds = secs(t);
        out.put("recluster_with_graph_seconds", pointsSeconds + clusterSeconds);
        out.put("recluster_gc_seconds", gcSeconds() - gc);
        Map<String, String> parameters = new LinkedHashMap<>(result.parameters());
        parameters.put("graph", "ivf (bench only)");
        out.put("parameters", parameters);
        out.put("clusters", ClusterMetrics.clusterCount(result.labels()));
        out.put("noise_share", ClusterMetrics.noiseShare(result.labels()));
        out.put("ari_vs_planted", ClusterMetrics.ari(truth, result.labels()));
        out.put("nmi_vs_planted", ClusterMetrics.nmi(truth, result.labels()));

        // Incremental batch: EngineStore's rule (a copy joins its group's narrative; else the k-NN vote) with the
        // IVF index as the k-NN search.
        Map<Long, Integer> narrativeOfGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            narrativeOfGroup.putIfAbsent(groups[i], result.labels()[i]);
        }
        int[] postOfPoint = new int[points.size()];
        for (int i = n - 1; i >= 0; i--) {
            postOfPoint[points.pointOfPost()[i]] = i;
        }
        gc = gcSeconds();
        t = System.nanoTime();
        int[] assigned = assignBatch(data, n, ivf, narrativeOfGroup, result.labels(), postOfPoint, settings);
        out.put("incremental_batch_seconds", secs(t));
        out.put("incremental_batch_gc_seconds", gcSeconds() - gc);
        // The same batch again, its code now compiled, as every batch after the first one of a running dashboard is:
        // how much of the first batch's time was the JIT's. It must assign the same.
        t = System.nanoTime();
        int[] again = assignBatch(data, n, ivf, narrativeOfGroup, result.labels(), postOfPoint, settings);
        out.put("incremental_batch_again_seconds", secs(t));
        out.put("incremental_batch_again_same", java.util.Arrays.equals(assigned, again));
        int assignedCount = (int) java.util.Arrays.stream(assigned).filter(x -> x >= 0).count();
        out.put("incremental_batch_posts", BATCH);
        out.put("incremental_assigned", assignedCount);
        out.put("incremental_note", "in memory: group lookup, else IVF k-NN (" + settings.assignNeighbours()
                + " duplicate-group points, 8 cells probed, the batch's searches cell by cell) and EngineStore's vote "
                + "rule in parallel; no index write");
        out.put("incremental_ari_vs_planted", ClusterMetrics.ari(java.util.Arrays.copyOfRange(data.truth, n, n + BATCH),
                assigned));
        return out;
    }

    /**
     * The 1M scenario's batch: a copy joins its group's narrative; the rest are searched together, cell by cell
     * ({@link IvfGraph#searchAll}), and voted on in parallel (the batch is not in the index yet, so votes are
     * independent, as in EngineStore).
     */
    private static int[] assignBatch(PlantedPosts data, int n, IvfGraph ivf, Map<Long, Integer> narrativeOfGroup,
            int[] labels, int[] postOfPoint, ClusteringSettings settings) {
        int[] assigned = new int[BATCH];
        List<Integer> searched = new ArrayList<>();
        for (int b = 0; b < BATCH; b++) {
            Integer byGroup = narrativeOfGroup.get(data.group[n + b]);
            assigned[b] = byGroup == null ? -1 : byGroup;
            if (byGroup == null) {
                searched.add(b);
            }
        }
        float[][] queries = new float[searched.size()][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = data.vectors[n + searched.get(q)];
        }
        IvfGraph.Top[] found = ivf.searchAll(queries, settings.assignNeighbours(), 8);
        java.util.stream.IntStream.range(0, queries.length).parallel().forEach(q -> assigned[searched.get(q)] =
                vote(found[q].ids(), found[q].similarities(), p -> labels[postOfPoint[p]], settings));
        return assigned;
    }

    /**
     * Seconds the JVM has spent in G1's young, mixed and full collection pauses since it started. The "G1 Concurrent
     * GC" bean (the remark and cleanup pauses of concurrent cycles, about a millisecond each here) is left out. Put
     * beside a timed step, it tells a step that was slow from one that waited for full collections while the 1M
     * scenario's 3 GiB heap was nearly full.
     */
    static double gcSeconds() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(bean -> !bean.getName().contains("Concurrent"))
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum()
                / 1000.0;
    }

    /** EngineStore's vote ({@link NarrativeVote}): each neighbour stands for one post. */
    static int vote(int[] ids, float[] sims, java.util.function.IntUnaryOperator labelOf, ClusteringSettings s) {
        NarrativeVote vote = new NarrativeVote(s.assignMinSimilarity(), s.assignMinSupport());
        for (int j = 0; j < ids.length; j++) {
            int label = labelOf.applyAsInt(ids[j]);
            if (label >= 0) {
                vote.add(label, sims[j], 1);
            }
        }
        Long winner = vote.winner();
        return winner == null ? -1 : winner.intValue();
    }

    /** The real tweets: CrisisLexT26 (labelled) + CrisisLexT6 (on/off-topic), ARI against the event folder. */
    static Map<String, Object> crisisLex() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        List<CrisisLexTweets.Tweet> tweets = CrisisLexTweets.t26AndT6();
        List<String> texts = tweets.stream().map(CrisisLexTweets.Tweet::text).toList();
        VectorCache.Embedded embedded = VectorCache.embed("crisislex-t26-t6", texts);
        out.put("tweets", tweets.size());
        out.put("embed_seconds", embedded.seconds());
        out.put("vectors_from_cache", embedded.cached());
        Map<String, float[]> byText = new HashMap<>();
        List<NewPost> posts = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        Map<String, Integer> events = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < tweets.size(); i++) {
            float[] v = embedded.vectors()[i];
            CrisisLexTweets.Tweet tw = tweets.get(i);
            // T26 and T6 share some tweets under the same event folder: the store keeps one post per id.
            if (v == null || !seen.add(tw.id())) {
                continue;
            }
            byText.putIfAbsent(tw.text(), v);
            posts.add(new NewPost(SITUATION, tw.event(), tw.id(), null, null, tw.time(), tw.text(), null));
            truth.add(tw.onTopic() ? events.computeIfAbsent(tw.event().toLowerCase(java.util.Locale.ROOT),
                    e -> events.size()) : -1);
        }
        // Hold out a seeded uniform 1,000 as the incremental batch.
        int[] order = QualityBench.sample(posts.size(), posts.size(), 99L);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(99L);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        List<NewPost> stored = new ArrayList<>();
        List<NewPost> batch = new ArrayList<>();
        int[] t = new int[posts.size()];
        for (int i = 0; i < order.length; i++) {
            (i < order.length - BATCH ? stored : batch).add(posts.get(order[i]));
            t[i] = truth.get(order[i]);
        }
        out.put("posts", posts.size());
        out.put("events", events.size());
        out.put("truth", "event folder, lower-cased (T26 and T6 name 4 events alike); T6 off-topic tweets count as "
                + "noise");
        out.putAll(storeScenario(stored, batch, byText, t, false));
        return out;
    }

    static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    /** Seconds since {@code startNanos}, to the millisecond; the benchmarks' one rounding rule. */
    static double secs(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
