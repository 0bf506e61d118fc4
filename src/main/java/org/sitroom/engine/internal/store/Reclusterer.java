package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.sitroom.engine.ClusterSummary;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.NarrativeClustering;
import org.sitroom.engine.Provenance;
import org.sitroom.engine.internal.cluster.Agglomerative;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.index.PostVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full reclustering with stable narrative ids.
 *
 * <ol>
 *   <li>Snapshot the situation's posts (vectors from doc values, no text).</li>
 *   <li>Collapse each duplicate group into one point weighted by its size, so 10,000 copies of a slogan are mass,
 *   not 10,000 points.</li>
 *   <li>k-NN graph over the group points (exact up to {@code exactGraphLimit} groups, HNSW above), HDBSCAN*.</li>
 *   <li>Stable ids: each new cluster inherits the id most of its previously assigned posts held; when two clusters
 *   claim one id, the one holding more of its posts keeps it and the other is born "split from" it; an old id
 *   nobody inherits "merged into" the cluster holding most of its posts, or "faded".</li>
 *   <li>Apply all assignments and commit at once; readers see the old narratives until then.</li>
 * </ol>
 */
public final class Reclusterer implements NarrativeClustering {

    private static final Logger log = LoggerFactory.getLogger(Reclusterer.class);
    private static final String NEXT_ID_KEY = "narrative.next.";
    private static final int REPRESENTATIVES = 5;

    private final EngineStore store;
    private final ClusteringSettings settings;
    private final Clock clock;
    private final Map<String, Clustering> latest = new ConcurrentHashMap<>();

    private final java.util.function.Consumer<Object> events;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

    public Reclusterer(EngineStore store, ClusteringSettings settings, Clock clock, java.util.function.Consumer<Object> events) {
        this.events = events;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The last result; after a restart the first call reclusters what the index holds, so narratives survive
     * restarts without being stored twice.
     */
    @Override
    public Optional<Clustering> latest(String situation) {
        Clustering known = latest.get(situation);
        if (known == null && store.count(situation) > 0) {
            synchronized (this) {
                known = latest.get(situation);
                if (known == null) {
                    known = recluster(situation);
                }
            }
        }
        return Optional.ofNullable(known);
    }

    /** Reclusters every situation whose new posts make it due; called on a schedule. */
    public void reclusterDue() {
        for (String situation : store.situationsWithNewPosts()) {
            if (due(situation, lastRun.get(situation))) {
                recluster(situation);
            }
        }
    }

    /** Whether enough has changed since the last recluster of the situation to run another. */
    public boolean due(String situation, Instant lastRun) {
        long added = store.addedSinceRecluster(situation);
        if (added == 0) {
            return false;
        }
        long total = store.count(situation);
        long threshold = Math.max(20, Math.min(settings.reclusterEveryPosts(),
                (long) Math.ceil(settings.reclusterGrowth() * Math.max(1, total - added))));
        return added >= threshold || lastRun == null
                || lastRun.plus(settings.reclusterInterval()).isBefore(clock.instant());
    }

    @Override
    public synchronized Clustering recluster(String situation) {
        PostIndex index = store.index();
        Instant computedAt = clock.instant();
        long started = System.nanoTime();
        // 1. Snapshot.
        List<PostVector> posts = new ArrayList<>();
        try {
            index.forEachPost(situation, posts::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        posts.sort(Comparator.comparing(PostVector::id)); // a stable order makes the result deterministic
        int n = posts.size();
        if (n == 0) {
            Clustering empty = new Clustering(situation, List.of(), List.of(), 0, provenance(situation, posts, computedAt, Map.of()));
            latest.put(situation, empty);
            return empty;
        }

        // 2-3. One weighted point per duplicate group, k-NN graph, HDBSCAN*.
        float[][] vectors = new float[n][];
        long[] groups = new long[n];
        int[] pointOfPost = new int[n];
        Map<Long, Integer> pointOfGroup = new HashMap<>();
        for (int i = 0; i < n; i++) {
            PostVector p = posts.get(i);
            vectors[i] = p.vector();
            groups[i] = p.dupGroup() != null ? p.dupGroup() : EngineStore.stableGroupId(p.id());
            pointOfPost[i] = pointOfGroup.computeIfAbsent(groups[i], g -> pointOfGroup.size());
        }
        GroupClusterer.Result result = new GroupClusterer(settings).cluster(vectors, groups);
        int[] labels = result.labels();
        int points = result.points();

        // 4. Stable ids and lineage.
        Map<String, String> params = new LinkedHashMap<>(result.parameters());
        Identity identity = assignIds(situation, posts, labels, computedAt);

        // Centroids, representatives, themes.
        int clusters = identity.ids.length;
        float[][] centroids = new float[clusters][];
        int[] sizes = new int[clusters];
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                members.get(labels[i]).add(i);
                sizes[labels[i]]++;
            }
        }
        for (int c = 0; c < clusters; c++) {
            centroids[c] = centroid(posts, members.get(c));
        }
        int themeCount = settings.themes() > 0 ? settings.themes()
                : (int) Math.max(1, Math.min(8, Math.round(Math.sqrt(clusters / 2.0))));
        int[] themes = clusters == 0 ? new int[0]
                : clusters <= themeCount ? identityThemes(clusters) : Agglomerative.byCount(centroids, themeCount);
        params.put("themes", String.valueOf(Math.min(themeCount, clusters)));
        List<ClusterSummary> summaries = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            List<Integer> m = members.get(c);
            long distinctGroups = m.stream().map(i -> pointOfPost[i]).distinct().count();
            summaries.add(new ClusterSummary(String.valueOf(identity.ids[c]), sizes[c], (int) distinctGroups, centroids[c],
                    representatives(posts, m, centroids[c], pointOfPost), themes[c]));
        }
        summaries.sort(Comparator.comparingInt(ClusterSummary::posts).reversed().thenComparing(ClusterSummary::narrativeId));
        long noise = Arrays.stream(labels).filter(l -> l < 0).count();

        // 5. Apply atomically.
        Map<String, Long> assignment = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            assignment.put(posts.get(i).id(), labels[i] >= 0 ? identity.ids[labels[i]] : null);
        }
        store.writeLock.lock();
        try {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("recluster interrupted; the previous narratives stay");
            }
            index.setNarratives(assignment);
            Map<String, String> commitData = new HashMap<>(index.lastCommitData());
            commitData.put(NEXT_ID_KEY + situation, String.valueOf(identity.nextId));
            index.commit(commitData);
            store.reclustered(situation, n);
        } catch (IOException e) {
            throw new UncheckedIOException("the recluster could not be applied; the previous narratives stay", e);
        } finally {
            store.writeLock.unlock();
        }
        params.put("seconds", String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - started) / 1e9));
        Clustering clustering = new Clustering(situation, List.copyOf(summaries), identity.lineage, noise,
                provenance(situation, posts, computedAt, params));
        latest.put(situation, clustering);
        lastRun.put(situation, computedAt);
        events.accept(new org.sitroom.engine.NarrativesReclustered(clustering));
        log.info("Reclustered {}: {} posts, {} groups, {} narratives, {} noise in {} s", situation, n, points, clusters,
                noise, params.get("seconds"));
        return clustering;
    }

    record Identity(long[] ids, List<LineageEvent> lineage, long nextId) {
    }

    /** Gives each new cluster an id (inherited or new) and records what happened to every old id. */
    Identity assignIds(String situation, List<PostVector> posts, int[] labels, Instant at) {
        return assignIds(posts, labels, at, nextIdOnRecord(situation));
    }

    /** Package-private and static so lineage rules are tested without an index. */
    static Identity assignIds(List<PostVector> posts, int[] labels, Instant at, long nextIdOnRecord) {
        int clusters = Arrays.stream(labels).max().orElse(-1) + 1;
        // overlap[c] = old id -> posts of cluster c that held it
        List<Map<Long, Integer>> overlap = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            overlap.add(new TreeMap<>());
        }
        Map<Long, Integer> oldSizes = new TreeMap<>();
        int[] sizes = new int[clusters];
        for (int i = 0; i < posts.size(); i++) {
            Long old = posts.get(i).narrativeId();
            if (old != null) {
                oldSizes.merge(old, 1, Integer::sum);
            }
            if (labels[i] >= 0) {
                sizes[labels[i]]++;
                if (old != null) {
                    overlap.get(labels[i]).merge(old, 1, Integer::sum);
                }
            }
        }
        long nextId = Math.max(nextIdOnRecord, oldSizes.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1);
        long[] ids = new long[clusters];
        Long[] claimed = new Long[clusters];
        for (int c = 0; c < clusters; c++) {
            claimed[c] = overlap.get(c).entrySet().stream()
                    .max(Comparator.<Map.Entry<Long, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse(null);
        }
        // The claimant holding most of an old id's posts keeps it.
        Map<Long, Integer> winner = new HashMap<>();
        for (int c = 0; c < clusters; c++) {
            if (claimed[c] != null) {
                Long old = claimed[c];
                Integer current = winner.get(old);
                int held = overlap.get(c).get(old);
                if (current == null || held > overlap.get(current).get(old)
                        || (held == overlap.get(current).get(old) && c < current)) {
                    winner.put(old, c);
                }
            }
        }
        List<LineageEvent> lineage = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            Long old = claimed[c];
            if (old != null && winner.get(old) == c) {
                ids[c] = old;
                int before = oldSizes.getOrDefault(old, 0);
                if (sizes[c] != before) {
                    lineage.add(new LineageEvent(at, sizes[c] > before ? LineageEvent.Kind.GREW : LineageEvent.Kind.SHRANK,
                            String.valueOf(old), null, sizes[c]));
                }
            } else {
                ids[c] = nextId++;
                lineage.add(old != null
                        ? new LineageEvent(at, LineageEvent.Kind.SPLIT_FROM, String.valueOf(ids[c]), String.valueOf(old), sizes[c])
                        : new LineageEvent(at, LineageEvent.Kind.BORN, String.valueOf(ids[c]), null, sizes[c]));
            }
        }
        // Old ids nobody kept: merged into the cluster holding most of their posts, or faded into noise.
        for (Map.Entry<Long, Integer> e : oldSizes.entrySet()) {
            Long old = e.getKey();
            if (winner.containsKey(old)) {
                continue;
            }
            int best = -1;
            int bestHeld = 0;
            for (int c = 0; c < clusters; c++) {
                int held = overlap.get(c).getOrDefault(old, 0);
                if (held > bestHeld) {
                    best = c;
                    bestHeld = held;
                }
            }
            lineage.add(best >= 0 && bestHeld * 2 >= e.getValue()
                    ? new LineageEvent(at, LineageEvent.Kind.MERGED_INTO, String.valueOf(old), String.valueOf(ids[best]), 0)
                    : new LineageEvent(at, LineageEvent.Kind.FADED, String.valueOf(old), null, 0));
        }
        return new Identity(ids, List.copyOf(lineage), nextId);
    }

    private long nextIdOnRecord(String situation) {
        String value = store.index().lastCommitData().get(NEXT_ID_KEY + situation);
        return value == null ? 1 : Long.parseLong(value);
    }

    private static float[] centroid(List<PostVector> posts, List<Integer> members) {
        if (members.isEmpty()) {
            return new float[0];
        }
        int dim = posts.get(members.getFirst()).vector().length;
        float[] sum = new float[dim];
        for (int i : members) {
            float[] v = posts.get(i).vector();
            for (int d = 0; d < dim; d++) {
                sum[d] += v[d];
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            sum[d] *= inv;
        }
        return sum;
    }

    /** Posts closest to the centroid, one per duplicate group, so five copies of a slogan show once. */
    private static List<String> representatives(List<PostVector> posts, List<Integer> members, float[] centroid,
                                                int[] pointOfPost) {
        List<Integer> sorted = new ArrayList<>(members);
        double[] score = new double[posts.size()];
        for (int i : members) {
            float[] v = posts.get(i).vector();
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * centroid[d];
            }
            score[i] = dot;
        }
        sorted.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparing(i -> posts.get(i).id()));
        List<String> out = new ArrayList<>();
        java.util.Set<Integer> groups = new java.util.HashSet<>();
        for (int i : sorted) {
            if (groups.add(pointOfPost[i])) {
                out.add(posts.get(i).id());
                if (out.size() == REPRESENTATIVES) {
                    break;
                }
            }
        }
        return out;
    }

    private static int[] identityThemes(int clusters) {
        int[] t = new int[clusters];
        for (int i = 0; i < clusters; i++) {
            t[i] = i;
        }
        return t;
    }

    private Provenance provenance(String situation, List<PostVector> posts, Instant computedAt, Map<String, String> params) {
        Instant from = posts.stream().map(PostVector::time).min(Comparator.naturalOrder()).orElse(null);
        Instant to = posts.stream().map(PostVector::time).max(Comparator.naturalOrder()).orElse(null);
        var model = store.embeddings().model();
        return new Provenance(model.name(), model.sha256(), Map.copyOf(params), from, to, posts.size(), computedAt);
    }
}
