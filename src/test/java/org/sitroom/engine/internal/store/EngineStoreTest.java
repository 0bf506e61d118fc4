package org.sitroom.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.engine.ClusterSummary;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.EmbeddingSettings;
import org.sitroom.engine.IngestReport;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.StoredPost;
import org.sitroom.engine.internal.cluster.ClusterMetrics;
import org.sitroom.engine.internal.embed.OnnxEmbedder;
import org.sitroom.engine.internal.index.PostIndex;

/** The store and reclusterer on the real embedder and a real index, fed with the demo event. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineStoreTest {

    private OnnxEmbedder embedder;
    private final List<Object> events = new ArrayList<>();

    @BeforeAll
    void openEmbedder() {
        embedder = OnnxEmbedder.open(EmbeddingSettings.defaults());
    }

    @AfterAll
    void closeEmbedder() {
        embedder.close();
    }

    private record Engine(PostIndex index, EngineStore store, Reclusterer reclusterer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            index.close();
        }
    }

    private Engine open(Path folder) throws Exception {
        return open(folder, embedder);
    }

    private Engine open(Path folder, OnnxEmbedder embedder) throws Exception {
        PostIndex index = new PostIndex(folder);
        ClusteringSettings settings = ClusteringSettings.defaults();
        EngineStore store = new EngineStore(index, embedder, settings, Clock.systemUTC(), events::add);
        return new Engine(index, store, new Reclusterer(store, settings, Clock.systemUTC(), events::add));
    }

    @Test
    void demoPostsBecomeNarrativesThatKeepTheirIdsAsTheyGrow(@TempDir Path dir) throws Exception {
        DemoPosts demo = DemoPosts.load("demo", 2400);
        List<NewPost> first = demo.posts().subList(0, 1600);
        List<NewPost> second = demo.posts().subList(1600, 2400);
        try (Engine e = open(dir)) {
            IngestReport report = e.store().add(first);
            assertThat(report.added()).isEqualTo(1600);
            assertThat(e.store().add(first.subList(0, 100)).alreadyStored()).as("idempotent").isEqualTo(100);
            assertThat(e.store().count("demo")).isEqualTo(1600);

            Clustering before = e.reclusterer().recluster("demo");
            assertThat(before.clusters()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(before.provenance().modelSha256()).hasSize(64);
            assertThat(before.provenance().parameters()).containsKeys("k", "minClusterSize", "graph");
            // The default model is English-only: its quality shows on the English posts (other languages need a
            // multilingual model folder). Noise counts as one cluster. Measured 0.25 since vectors are embedded one text
            // at a time (the same every run; before, batches of 32 made it move between 0.24 and 0.35 with thread
            // timing). A known weakness on this templated demo: k-means told the true 14 narratives scores 0.53 on the
            // same posts (docs/benchmarks.md). The bound guards against a collapse, not a target.
            assertThat(ariEnglish(e, demo, first)).as("agreement with the demo's ground truth").isGreaterThan(0.2);

            // New posts are assigned by k-NN vote as they arrive.
            IngestReport later = e.store().add(second);
            assertThat(later.assigned()).as("most new posts join a narrative at once").isGreaterThan(later.added() / 3);

            Map<String, Integer> sizeBefore = before.clusters().stream()
                    .collect(Collectors.toMap(ClusterSummary::narrativeId, ClusterSummary::posts));
            Clustering after = e.reclusterer().recluster("demo");
            Set<String> idsAfter = after.clusters().stream().map(ClusterSummary::narrativeId).collect(Collectors.toSet());
            long kept = sizeBefore.keySet().stream().filter(idsAfter::contains).count();
            assertThat(kept).as("narrative ids survive a recluster").isGreaterThanOrEqualTo(sizeBefore.size() * 2 / 3);
            assertThat(after.lineage()).anyMatch(l -> l.kind() == LineageEvent.Kind.GREW);
            assertThat(events).anyMatch(ev -> ev instanceof org.sitroom.engine.NarrativesReclustered);
            assertThat(events).anyMatch(ev -> ev instanceof org.sitroom.engine.PostsIndexed);
        }
    }

    @Test
    void sameInputInTheSameOrderGivesTheSameNarratives(@TempDir Path a, @TempDir Path b) throws Exception {
        List<NewPost> posts = DemoPosts.load("demo", 900).posts();
        // Each run on its own embedder without a cache, so the second run embeds afresh instead of reusing the first
        // run's vectors: determinism from the texts to the narratives, not only from the vectors on.
        Map<String, String> first = assignmentAfterOneRun(a, posts);
        Map<String, String> second = assignmentAfterOneRun(b, posts);
        assertThat(first.values().stream().filter(v -> v != null).count()).isGreaterThan(100);
        assertThat(sameIds(first, second)).as("the same posts grouped the same way").isTrue();
    }

    @Test
    void copiesOfASloganCollapseIntoOneDuplicateGroup(@TempDir Path dir) throws Exception {
        List<NewPost> posts = new ArrayList<>(DemoPosts.load("demo", 600).posts());
        String slogan = "Stand with the Aster! Ostmark provoked this, the world must see it #EastMed";
        for (int i = 0; i < 300; i++) {
            String text = i % 3 == 0 ? "RT @campaign_hq: " + slogan : i % 3 == 1 ? slogan + " #Aster" : slogan;
            posts.add(new NewPost("demo", "demo-x", "copy-" + i, "@acct" + i, "en",
                    java.time.Instant.parse("2026-03-14T21:00:00Z").plusSeconds(i), text, null));
        }
        try (Engine e = open(dir)) {
            e.store().add(posts);
            Clustering c = e.reclusterer().recluster("demo");
            Set<Long> groups = new java.util.HashSet<>();
            Set<String> narratives = new java.util.HashSet<>();
            for (int i = 0; i < 300; i++) {
                StoredPost p = e.store().get("demo-x:copy-" + i).orElseThrow();
                groups.add(p.duplicateGroup());
                narratives.add(String.valueOf(p.narrativeId()));
            }
            assertThat(groups).as("300 copies, one group").hasSize(1);
            assertThat(narratives).as("and one narrative (or noise), not many").hasSize(1);
            assertThat(c.clusters()).hasSizeLessThan(40);
        }
    }

    private static Map<String, String> assignment(Engine e) {
        Map<String, String> out = new HashMap<>();
        for (StoredPost p : e.store().posts("demo", PostFilter.ALL, 0, 10_000)) {
            out.put(p.id(), p.narrativeId());
        }
        return out;
    }

    /** Equal partitions: a bijection between the two sides' narrative ids (noise stays noise). */
    private static boolean sameIds(Map<String, String> a, Map<String, String> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        Map<String, String> ab = new HashMap<>();
        Map<String, String> ba = new HashMap<>();
        for (String id : a.keySet()) {
            String x = String.valueOf(a.get(id));
            String y = String.valueOf(b.get(id));
            if (!ab.computeIfAbsent(x, k -> y).equals(y) || !ba.computeIfAbsent(y, k -> x).equals(x)) {
                return false;
            }
        }
        return true;
    }

    /** Narrative per post after the posts are stored in batches of 300 and reclustered, on a fresh uncached embedder. */
    private Map<String, String> assignmentAfterOneRun(Path folder, List<NewPost> posts) throws Exception {
        try (OnnxEmbedder uncached = OnnxEmbedder.open(EmbeddingSettings.defaults().withCacheSize(0));
                Engine e = open(folder, uncached)) {
            for (int i = 0; i < posts.size(); i += 300) {
                e.store().add(posts.subList(i, Math.min(posts.size(), i + 300)));
            }
            e.reclusterer().recluster("demo");
            return assignment(e);
        }
    }

    /** English posts of real narratives: the default model is English, so that is where its quality shows. */
    private static double ariEnglish(Engine e, DemoPosts demo, List<NewPost> posts) {
        Map<String, Integer> truthIds = new HashMap<>();
        Map<String, Integer> predIds = new HashMap<>();
        List<Integer> truth = new ArrayList<>();
        List<Integer> pred = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (!"en".equals(posts.get(i).language()) || "noise".equals(demo.truth().get(i))) {
                continue;
            }
            truth.add(truthIds.computeIfAbsent(demo.truth().get(i), k -> truthIds.size()));
            String n = e.store().get(posts.get(i).id()).orElseThrow().narrativeId();
            pred.add(n == null ? -1 : predIds.computeIfAbsent(n, k -> predIds.size()));
        }
        return ClusterMetrics.ari(truth.stream().mapToInt(Integer::intValue).toArray(),
                pred.stream().mapToInt(Integer::intValue).toArray());
    }

}
