package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingResult;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.IngestReport;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.SearchHit;
import org.sitroom.engine.StoredPost;
import org.sitroom.engine.internal.cluster.NearDuplicates;
import org.sitroom.engine.internal.index.PostHit;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.index.PostRecord;

/**
 * The post store: embeds, groups duplicates, indexes and assigns posts by k-NN vote. One writer at a time (the index
 * has one writer anyway); reads go straight to the index's near-real-time searcher.
 */
public final class EngineStore implements PostStore {

    private final PostIndex index;
    private final Embeddings embeddings;
    private final ClusteringSettings settings;
    private final Clock clock;
    /** Serialises writes: batches and the apply step of a recluster. */
    final ReentrantLock writeLock = new ReentrantLock();
    /** Posts added per situation since its last recluster, for the recluster trigger. */
    private final Map<String, Long> addedSinceRecluster = new ConcurrentHashMap<>();

    private final java.util.function.Consumer<Object> events;

    public EngineStore(PostIndex index, Embeddings embeddings, ClusteringSettings settings, Clock clock,
                       java.util.function.Consumer<Object> events) {
        this.events = events;
        this.index = index;
        this.embeddings = embeddings;
        this.settings = settings;
        this.clock = clock;
    }

    PostIndex index() {
        return index;
    }

    Embeddings embeddings() {
        return embeddings;
    }

    /** Situations that received posts since their last recluster. */
    Set<String> situationsWithNewPosts() {
        Set<String> out = new HashSet<>();
        addedSinceRecluster.forEach((s, n) -> {
            if (n > 0) {
                out.add(s);
            }
        });
        return out;
    }

    long addedSinceRecluster(String situation) {
        return addedSinceRecluster.getOrDefault(situation, 0L);
    }

    void reclustered(String situation, long postsSeen) {
        addedSinceRecluster.compute(situation, (k, v) -> Math.max(0, (v == null ? 0 : v) - postsSeen));
    }

    @Override
    public IngestReport add(List<NewPost> posts) {
        long started = System.nanoTime();
        // One entry per id: a batch may carry the same post twice (a source re-delivering a page).
        Map<String, NewPost> byId = new LinkedHashMap<>();
        for (NewPost p : posts) {
            byId.putIfAbsent(p.id(), p);
        }
        writeLock.lock();
        try {
            Set<String> stored = index.exists(byId.keySet());
            List<NewPost> fresh = byId.values().stream().filter(p -> !stored.contains(p.id())).toList();
            int alreadyStored = posts.size() - fresh.size();
            if (fresh.isEmpty()) {
                return new IngestReport(0, alreadyStored, List.of(), 0, 0, 0, seconds(started));
            }
            long embedStart = System.nanoTime();
            EmbeddingBatch batch = embeddings.embed(fresh.stream().map(NewPost::text).toList());
            double embedSeconds = seconds(embedStart);

            List<IngestReport.Rejection> rejected = new ArrayList<>();
            List<NewPost> accepted = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                EmbeddingResult r = batch.results().get(i);
                if (r instanceof EmbeddingResult.Embedded e) {
                    accepted.add(fresh.get(i));
                    vectors.add(e.vector());
                } else if (r instanceof EmbeddingResult.Rejected rej) {
                    rejected.add(new IngestReport.Rejection(fresh.get(i).id(), rej.detail()));
                }
            }
            Grouping grouping = groupDuplicates(accepted, vectors);
            Long[] narratives = assign(accepted, vectors, grouping);
            int assigned = 0;
            List<PostRecord> records = new ArrayList<>(accepted.size());
            for (int i = 0; i < accepted.size(); i++) {
                NewPost p = accepted.get(i);
                long group = grouping.groups[i];
                Long narrative = narratives[i];
                if (narrative != null) {
                    assigned++;
                }
                records.add(new PostRecord(p.source(), p.externalId(), p.situation(), p.author(), p.language(), p.time(),
                        p.text(), vectors.get(i), grouping.hashes[i], group, narrative));
            }
            index.addNew(records); // the fresh posts, checked above under the write lock
            index.commit(Map.of("lastBatchAt", clock.instant().toString()));
            Map<String, List<NewPost>> bySituation = new LinkedHashMap<>();
            for (NewPost p : accepted) {
                addedSinceRecluster.merge(p.situation(), 1L, Long::sum);
                bySituation.computeIfAbsent(p.situation(), s -> new ArrayList<>()).add(p);
            }
            bySituation.forEach((situation, list) -> events.accept(new org.sitroom.engine.PostsIndexed(situation,
                    (int) records.stream().filter(r -> r.situation().equals(situation) && r.narrativeId() != null).count(),
                    list.stream().map(NewPost::id).toList())));
            return new IngestReport(accepted.size(), alreadyStored, rejected, assigned, grouping.duplicates, embedSeconds,
                    seconds(started));
        } catch (IOException e) {
            throw new UncheckedIOException("the post index could not be written", e);
        } finally {
            writeLock.unlock();
        }
    }

    private record Grouping(long[] groups, String[] hashes, Map<Long, Long> groupNarrative, int duplicates) {
    }

    /** Duplicate groups by {@link DuplicateGroups}, looking up earlier posts of the situation in the index. */
    private Grouping groupDuplicates(List<NewPost> posts, List<float[]> vectors) throws IOException {
        Map<Long, Long> groupNarrative = new HashMap<>();
        DuplicateGroups.Assigned assigned = DuplicateGroups.assign(posts.stream().map(NewPost::situation).toList(),
                posts.stream().map(NewPost::text).toList(), (situation, hashes) -> {
                    Map<String, Long> groups = new HashMap<>();
                    index.groupsByContentHash(situation, hashes).forEach((hash, existing) -> {
                        if (existing.dupGroup() != null) {
                            groupNarrative.putIfAbsent(existing.dupGroup(), existing.narrativeId());
                            groups.put(hash, existing.dupGroup());
                        }
                    });
                    return groups;
                });
        return new Grouping(assigned.groups(), assigned.hashes(), groupNarrative, assigned.duplicates());
    }

    /**
     * The narrative of each post: its duplicate group's when the group already has one, else a k-NN vote by the first
     * post of its group in this batch, which the group's other posts follow. The votes only read the index (the batch
     * is not in it yet), so they run in parallel: at ingest they are most of the work outside the embedder, which
     * waits meanwhile.
     */
    private Long[] assign(List<NewPost> posts, List<float[]> vectors, Grouping grouping) throws IOException {
        Long[] narratives = new Long[posts.size()];
        Map<Long, Integer> voterOfGroup = new HashMap<>();
        List<Integer> voters = new ArrayList<>();
        Map<String, Boolean> anyAssigned = new HashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            long group = grouping.groups[i];
            if (grouping.groupNarrative.get(group) == null && voterOfGroup.putIfAbsent(group, i) == null
                    && anyAssigned.computeIfAbsent(posts.get(i).situation(), this::anyAssigned)) {
                voters.add(i); // a situation without narratives yet (before its first recluster) has nobody to vote
            }
        }
        try {
            voters.parallelStream().forEach(i -> {
                try {
                    narratives[i] = vote(posts.get(i).situation(), vectors.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (int i = 0; i < posts.size(); i++) {
            long group = grouping.groups[i];
            Long known = grouping.groupNarrative.get(group);
            narratives[i] = known != null ? known : narratives[voterOfGroup.get(group)];
        }
        return narratives;
    }

    private boolean anyAssigned(String situation) {
        try {
            return index.anyAssigned(situation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The narrative the nearest assigned neighbours vote for ({@link NarrativeVote}), else null. */
    private Long vote(String situation, float[] vector) throws IOException {
        List<PostIndex.Neighbour> neighbours = index.knnNarratives(situation, vector, settings.assignNeighbours());
        NarrativeVote vote = new NarrativeVote(settings.assignMinSimilarity(), settings.assignMinSupport());
        for (PostIndex.Neighbour h : neighbours) {
            if (h.narrativeId() != null) {
                vote.add(h.narrativeId(), h.score(), 1);
            }
        }
        return vote.winner();
    }

    static String contentHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(NearDuplicates.comparisonForm(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A group's id derives from its first post, so replaying the same posts gives the same groups. */
    static long stableGroupId(String postId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(postId.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        try {
            return index.exists(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count(String situation) {
        try {
            return index.count(situation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count(String situation, PostFilter filter) {
        if (filter == null || filter.equals(PostFilter.ALL)) {
            return count(situation);
        }
        try {
            return index.count(situation, toIndexFilter(filter)); // the same filter posts() lists with
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<StoredPost> get(String id) {
        try {
            return index.get(id).map(EngineStore::toStored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<StoredPost> posts(String situation, PostFilter filter, int offset, int limit) {
        try {
            return index.search(situation, "", toIndexFilter(filter), offset, limit).stream()
                    .map(h -> toStored(situation, h)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<StoredPost> posts(String situation, Collection<String> ids) {
        try {
            return index.byIds(situation, ids).stream().map(h -> toStored(situation, h)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<SearchHit> search(String situation, String query, PostFilter filter, int limit) {
        try {
            org.sitroom.engine.internal.index.PostFilter f = toIndexFilter(filter);
            if (query == null || query.isBlank()) {
                return index.search(situation, "", f, limit).stream().map(h -> toHit(situation, h, "words")).toList();
            }
            float[] vector;
            try {
                vector = embeddings.embedQuery(query);
            } catch (IllegalArgumentException notEmbeddable) {
                vector = null;
            }
            if (vector == null) {
                return index.search(situation, query, f, limit).stream().map(h -> toHit(situation, h, "words")).toList();
            }
            return index.searchHybrid(situation, query, vector, f, limit).stream()
                    .map(h -> toHit(situation, h.post(), h.byWords() && h.byMeaning() ? "both"
                            : h.byWords() ? "words" : "meaning"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<HourCount> hourly(String situation, PostFilter filter, ZoneId zone, Instant from, Instant to) {
        try {
            Long narrative = filter == null || filter.narrativeId() == null || PostFilter.UNASSIGNED.equals(filter.narrativeId())
                    ? null : Long.valueOf(filter.narrativeId());
            return index.hourlyCounts(situation, narrative, zone, from, to).stream()
                    .map(b -> new HourCount(b.start(), (int) b.count())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static org.sitroom.engine.internal.index.PostFilter toIndexFilter(PostFilter filter) {
        if (filter == null) {
            return org.sitroom.engine.internal.index.PostFilter.NONE;
        }
        Long narrative = filter.narrativeId() == null || PostFilter.UNASSIGNED.equals(filter.narrativeId())
                ? null : Long.valueOf(filter.narrativeId());
        return new org.sitroom.engine.internal.index.PostFilter(filter.from(), filter.to(),
                filter.language() == null ? Set.of() : Set.of(filter.language()),
                filter.source() == null ? Set.of() : Set.of(filter.source()), narrative);
    }

    private static StoredPost toStored(PostRecord r) {
        return new StoredPost(r.id(), r.situation(), r.source(), r.author(), r.language(), r.time(), r.text(), null,
                r.dupGroup() == null ? 0 : r.dupGroup(), r.narrativeId() == null ? null : String.valueOf(r.narrativeId()));
    }

    private static StoredPost toStored(String situation, PostHit h) {
        return new StoredPost(h.id(), situation, h.source(), h.author(), h.language(), h.time(), h.text(), null,
                h.dupGroup() == null ? 0 : h.dupGroup(), h.narrativeId() == null ? null : String.valueOf(h.narrativeId()));
    }

    private static SearchHit toHit(String situation, PostHit h, String matchedBy) {
        String snippet = h.snippet() != null ? h.snippet().text() : h.text();
        List<SearchHit.Range> ranges = h.snippet() == null ? List.of()
                : h.snippet().matches().stream().map(m -> new SearchHit.Range(m.start(), m.end())).toList();
        return new SearchHit(toStored(situation, h), snippet, ranges, h.score(), matchedBy);
    }
}
