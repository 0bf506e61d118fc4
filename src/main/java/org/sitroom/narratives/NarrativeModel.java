package org.sitroom.narratives;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.sitroom.engine.ClusterSummary;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.NarrativeClustering;
import org.sitroom.engine.NarrativesReclustered;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.PostsIndexed;
import org.sitroom.engine.StoredPost;
import org.sitroom.ingest.Situations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps, per situation, an immutable {@link Snapshot} of the narrative model and switches it atomically.
 *
 * <p>One worker thread owns the running tallies; events only leave requests with it, and requests for a situation
 * coalesce, so a flood of {@link PostsIndexed} costs one refresh per second at most. A recluster re-reads all posts
 * (narratives are re-cut, so every post may have moved) and recomputes keywords; new posts are read by the ids
 * their event names and added to the tallies; a minute tick moves the rolling "last hour" along even when nothing
 * arrives.
 */
@Component
class NarrativeModel implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NarrativeModel.class);
    private static final int PAGE = 2000;
    private static final int REPRESENTATIVES = 5;
    private static final int GROUPS_KEPT = 25;
    static final Duration MIN_SPACING = Duration.ofSeconds(1);

    private final ObjectProvider<PostStore> store;
    private final ObjectProvider<NarrativeClustering> clusterings;
    private final ObjectProvider<Situations> situations;
    private final NarrativeRepository repository;
    private final ApplicationEventPublisher events;
    private final NarrativeSettings settings;
    private final Clock clock;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "narrative-model");
        t.setDaemon(true);
        workerThread = t;
        return t;
    });
    private volatile Thread workerThread;
    // Worker-thread state.
    private final Map<String, Tally> tallies = new HashMap<>();
    private final Map<String, ClusterInfo> clusterInfo = new HashMap<>();
    // Shared state.
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** One first build per situation, however many callers wait for it. */
    private final Map<String, Future<Snapshot>> firstBuilds = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Situations whose model is kept: read at least once, or warmed up by the web app. Events for the others are
     * skipped, because a first build reads every post anyway; so a command-line import, which has no reader, spends
     * nothing here (it used to recluster and tally in the import's background).
     */
    private final Set<String> followed = ConcurrentHashMap.newKeySet();

    /** What the last recluster said about a situation's narratives, plus what we derived from it. */
    private record ClusterInfo(Clustering clustering, Map<String, ClusterSummary> clusters,
                               Map<String, List<String>> keywords, Map<String, List<StoredPost>> representatives,
                               Map<Integer, String> themeLabels) {
        static final ClusterInfo NONE = new ClusterInfo(null, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Work waiting for a situation; requests merge into it until the worker takes it. */
    private static final class Pending {
        boolean full;
        Clustering clustering;
        /** Posts announced since the last run, to add to the tally. */
        Set<String> added = new HashSet<>();
        boolean scheduled;
        /** System.nanoTime() of the last run; spacing is about real time, whatever the data clock says. */
        long lastRun = System.nanoTime() - MIN_SPACING.toNanos();
    }

    private record Listener(String situation, Consumer<NarrativesChanged> consumer) {
    }

    NarrativeModel(ObjectProvider<PostStore> store, ObjectProvider<NarrativeClustering> clusterings,
                   ObjectProvider<Situations> situations, NarrativeRepository repository,
                   ApplicationEventPublisher events, ObjectProvider<NarrativeSettings> settings,
                   ObjectProvider<Clock> clock) {
        this.store = store;
        this.clusterings = clusterings;
        this.situations = situations;
        this.repository = repository;
        this.events = events;
        this.settings = settings.getIfAvailable(() -> NarrativeSettings.DEFAULTS);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    // ---- events in ----

    @EventListener
    void on(NarrativesReclustered event) {
        if (followed.contains(event.clustering().situation())) {
            request(event.clustering().situation(), true, event.clustering(), List.of());
        }
    }

    @EventListener
    void on(PostsIndexed event) {
        if (followed.contains(event.situation())) {
            request(event.situation(), false, null, event.postIds());
        }
    }

    /** Builds every situation's model now, so that the first page need not wait; see {@link NarrativeWarmUp}. */
    void warmUp() {
        Situations all = situations.getIfAvailable();
        if (all != null) {
            all.all().forEach(s -> {
                followed.add(s.id());
                request(s.id(), true, null, List.of());
            });
        }
    }

    /** Moves rolling windows along (last hour, velocity, staleness) even when no post arrives. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void tick() {
        snapshots.keySet().forEach(s -> request(s, false, null, List.of()));
    }

    // ---- reading ----

    /**
     * The current snapshot, built on first use. The caller waits for that first build up to {@code wait}; a first
     * build can take minutes on a large situation (it may queue behind a full recluster), so callers then get nothing
     * and say "not ready yet" instead of hanging. The build goes on either way.
     */
    Optional<Snapshot> snapshot(String situation, Duration wait) {
        Snapshot s = snapshots.get(situation);
        if (s != null) {
            return Optional.of(s);
        }
        followed.add(situation); // before the build starts, so that no later event is missed
        if (Thread.currentThread() == workerThread) {
            // A listener on the worker asking for another situation: waiting on ourselves would never end.
            return Optional.of(rebuild(situation, null));
        }
        Future<Snapshot> first = firstBuilds.computeIfAbsent(situation, k -> worker.submit(() -> {
            Snapshot existing = snapshots.get(situation);
            return existing != null ? existing : rebuild(situation, null);
        }));
        try {
            return Optional.of(first.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing narratives of " + situation, e);
        } catch (ExecutionException e) {
            firstBuilds.remove(situation, first); // the next caller tries again
            throw new IllegalStateException("could not prepare narratives of " + situation, e.getCause());
        }
    }

    Optional<Snapshot> peek(String situation) {
        return Optional.ofNullable(snapshots.get(situation));
    }

    Subscription subscribe(String situation, Consumer<NarrativesChanged> consumer) {
        Listener l = new Listener(situation, consumer);
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    Clock clock() {
        return clock;
    }

    NarrativeSettings settings() {
        return settings;
    }

    // ---- the worker ----

    private void request(String situation, boolean full, Clustering clustering, Collection<String> added) {
        if (situation == null) {
            return;
        }
        Pending p = pending.computeIfAbsent(situation, k -> new Pending());
        synchronized (p) {
            p.full |= full;
            if (clustering != null) {
                p.clustering = clustering;
            }
            p.added.addAll(added); // a full rebuild reads every post anyway and leaves them unread
            if (p.scheduled) {
                return;
            }
            p.scheduled = true;
            long wait = Math.max(0, (p.lastRun + MIN_SPACING.toNanos() - System.nanoTime()) / 1_000_000);
            worker.schedule(() -> run(situation, p), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void run(String situation, Pending p) {
        boolean full;
        Clustering clustering;
        Set<String> added;
        synchronized (p) {
            full = p.full;
            clustering = p.clustering;
            added = p.added;
            p.full = false;
            p.clustering = null;
            p.added = new HashSet<>();
            p.scheduled = false;
            p.lastRun = System.nanoTime();
        }
        try {
            if (full || !tallies.containsKey(situation)) {
                rebuild(situation, clustering);
            } else {
                if (!added.isEmpty()) {
                    addPosts(situation, added);
                }
                publish(situation, false);
            }
        } catch (RuntimeException e) {
            // The previous snapshot stays; the next event or tick tries again.
            log.warn("Could not refresh the narratives of situation {}", situation, e);
        }
    }

    /** Re-reads every post of the situation and recomputes everything, keywords included. */
    private Snapshot rebuild(String situation, Clustering given) {
        PostStore posts = store.getIfAvailable();
        NarrativeClustering nc = clusterings.getIfAvailable();
        Clustering clustering = given != null ? given : nc == null ? null : nc.latest(situation).orElse(null);
        Instant now = clock.instant();
        Tally tally = new Tally();
        if (posts != null) {
            for (int offset = 0; ; offset += PAGE) {
                List<StoredPost> page = posts.posts(situation, PostFilter.ALL, offset, PAGE);
                page.forEach(p -> tally.add(p, now));
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        tallies.put(situation, tally);
        ClusterInfo info = clustering == null ? ClusterInfo.NONE : describe(clustering, tally, posts);
        clusterInfo.put(situation, info);
        if (clustering != null) {
            try {
                Map<String, String> titles = new HashMap<>();
                info.keywords().forEach((id, kw) -> titles.put(id, Keywords.title(kw, settings.titleWords())));
                repository.record(clustering, info.keywords(), titles, now);
            } catch (RuntimeException e) {
                log.warn("Could not record the narratives of situation {} in the database", situation, e);
            }
        }
        return publish(situation, clustering != null);
    }

    private void addPosts(String situation, Set<String> ids) {
        PostStore posts = store.getIfAvailable();
        if (posts == null) {
            return;
        }
        Tally tally = tallies.get(situation);
        Instant now = clock.instant();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += PAGE) {
            posts.posts(situation, all.subList(from, Math.min(all.size(), from + PAGE))).forEach(p -> tally.add(p, now));
        }
    }

    /** Keywords (c-TF-IDF over distinct texts), theme labels and representative posts of a clustering. */
    private ClusterInfo describe(Clustering clustering, Tally tally, PostStore posts) {
        Map<String, ClusterSummary> clusters = new LinkedHashMap<>();
        clustering.clusters().forEach(c -> clusters.put(c.narrativeId(), c));

        Map<String, Map<String, Integer>> termCounts = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Integer>>> surfaces = new HashMap<>();
        tally.narratives.forEach((id, counts) -> {
            Map<String, Integer> tc = new HashMap<>();
            Map<String, Map<String, Integer>> sf = new HashMap<>();
            // Each distinct text once: a campaign's 150 copies say one thing, as the clustering also weighs them.
            for (Tally.Group g : counts.groups.values()) {
                for (String term : Keywords.terms(g.text, g.language, sf)) {
                    tc.merge(term, 1, Integer::sum);
                }
            }
            termCounts.put(id, tc);
            surfaces.put(id, sf);
        });
        Map<String, List<String>> keywords = new HashMap<>();
        Keywords.top(termCounts, settings.keywords()).forEach((id, scored) -> {
            if (!PostFilter.UNASSIGNED.equals(id)) {
                keywords.put(id, scored.stream().map(s -> Keywords.display(s.term(), surfaces.get(id))).toList());
            }
        });

        // Themes get labels the same way, with each theme's narratives as one class.
        Map<String, Map<String, Integer>> themeCounts = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> themeSurfaces = new HashMap<>();
        clusters.values().forEach(c -> {
            Map<String, Integer> tc = termCounts.get(c.narrativeId());
            if (tc != null) {
                Map<String, Integer> into = themeCounts.computeIfAbsent(String.valueOf(c.theme()), k -> new HashMap<>());
                tc.forEach((t, n) -> into.merge(t, n, Integer::sum));
                surfaces.get(c.narrativeId()).forEach((t, forms) ->
                        forms.forEach((f, n) -> themeSurfaces.computeIfAbsent(t, k -> new HashMap<>()).merge(f, n, Integer::sum)));
            }
        });
        Map<Integer, String> themeLabels = new HashMap<>();
        Keywords.top(themeCounts, 2).forEach((theme, scored) -> themeLabels.put(Integer.parseInt(theme),
                scored.stream().map(s -> Keywords.display(s.term(), themeSurfaces)).reduce((a, b) -> a + " · " + b)
                        .orElse("")));

        Map<String, List<StoredPost>> representatives = new HashMap<>();
        if (posts != null) {
            for (ClusterSummary c : clusters.values()) {
                List<StoredPost> reps = new ArrayList<>();
                for (String id : c.representativeIds()) {
                    if (reps.size() >= REPRESENTATIVES) {
                        break;
                    }
                    posts.get(id).ifPresent(reps::add);
                }
                representatives.put(c.narrativeId(), List.copyOf(reps));
            }
        }
        return new ClusterInfo(clustering, Map.copyOf(clusters), Map.copyOf(keywords), Map.copyOf(representatives),
                Map.copyOf(themeLabels));
    }

    /** Builds a snapshot from the tallies, switches to it and tells listeners. */
    private Snapshot publish(String situation, boolean reclustered) {
        Instant now = clock.instant();
        Tally tally = tallies.getOrDefault(situation, new Tally());
        tally.prune(now);
        ClusterInfo info = clusterInfo.getOrDefault(situation, ClusterInfo.NONE);
        Snapshot snapshot = build(situation, tally, info, now);
        snapshots.put(situation, snapshot);
        NarrativesChanged change = new NarrativesChanged(situation, now, reclustered);
        for (Listener l : listeners) {
            if (l.situation() == null || l.situation().equals(situation)) {
                try {
                    l.consumer().accept(change);
                } catch (RuntimeException e) {
                    log.debug("A narratives listener failed", e);
                }
            }
        }
        events.publishEvent(change);
        return snapshot;
    }

    private Snapshot build(String situation, Tally tally, ClusterInfo info, Instant now) {
        List<NarrativeSummary> list = new ArrayList<>();
        Map<String, Snapshot.Extras> extras = new HashMap<>();
        Set<String> ids = new java.util.LinkedHashSet<>(info.clusters().keySet());
        tally.narratives.keySet().stream().filter(k -> !PostFilter.UNASSIGNED.equals(k)).sorted().forEach(ids::add);
        Map<String, Integer> colours = colours(ids, tally);
        for (String id : ids) {
            Tally.Counts c = tally.narratives.get(id);
            if (c == null || c.posts == 0) {
                continue;
            }
            ClusterSummary cluster = info.clusters().get(id);
            List<String> keywords = info.keywords().getOrDefault(id, List.of());
            Velocity.Figures v = Velocity.of(c.back(now, 60, 0), c.back(now, 420, 60), c.first, now, settings);
            List<DuplicateGroup> groups = c.groups.entrySet().stream()
                    .map(e -> new DuplicateGroup(e.getKey(), e.getValue().text, e.getValue().posts,
                            e.getValue().accounts.size(), e.getValue().first, e.getValue().last,
                            isCampaign(e.getValue())))
                    .sorted(Comparator.comparingInt(DuplicateGroup::accounts).reversed()
                            .thenComparing(Comparator.comparingInt(DuplicateGroup::posts).reversed())
                            .thenComparingLong(DuplicateGroup::group))
                    .limit(GROUPS_KEPT).toList();
            list.add(new NarrativeSummary(id, situation,
                    keywords.isEmpty() ? "Narrative " + id : Keywords.title(keywords, settings.titleWords()),
                    keywords, c.posts, c.accounts.size(), Hours.shares(c.languages), c.first, c.last,
                    Hours.dense(c.hours), v.lastHour(), v.velocity(), v.emerging(),
                    cluster == null ? -1 : cluster.theme(), c.groups.size(), colours.getOrDefault(id, 0),
                    info.clustering() == null ? null : info.clustering().provenance()));
            extras.put(id, new Snapshot.Extras(info.representatives().getOrDefault(id, List.of()),
                    Hours.shares(c.sources), groups));
        }
        list.sort(Comparator.comparingInt(NarrativeSummary::size).reversed().thenComparing(NarrativeSummary::id));
        Map<String, NarrativeSummary> byId = new LinkedHashMap<>();
        list.forEach(n -> byId.put(n.id(), n));
        Tally.Counts unassigned = tally.narratives.get(PostFilter.UNASSIGNED);
        return new Snapshot(situation, now, info.clustering() != null,
                info.clustering() == null ? null : info.clustering().provenance(), List.copyOf(list),
                java.util.Collections.unmodifiableMap(byId), Map.copyOf(extras), tally.all.posts,
                unassigned == null ? 0 : unassigned.posts, tally.all.last, tally.all.back(now, 60, 0),
                tally.all.back(now, 120, 60), Hours.dense(tally.all.hours), info.themeLabels(),
                Hours.shares(tally.all.languages), Hours.shares(tally.all.sources));
    }

    /**
     * Colour slots: each narrative, oldest first, takes the slot its id hashes to, or the next one free, so the
     * narratives on screen together rarely share a colour and an older narrative never changes colour because a
     * newer one appeared.
     */
    static Map<String, Integer> colours(Set<String> ids, Tally tally) {
        List<String> byAge = ids.stream().filter(id -> tally.narratives.containsKey(id))
                .sorted(Comparator.comparing((String id) -> tally.narratives.get(id).first,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(id -> id))
                .toList();
        Map<String, Integer> out = new HashMap<>();
        boolean[] taken = new boolean[NarrativeSummary.COLOUR_SLOTS];
        int used = 0;
        for (String id : byAge) {
            int slot = slotOf(id);
            if (used < taken.length) {
                while (taken[slot]) {
                    slot = (slot + 1) % taken.length;
                }
                taken[slot] = true;
                used++;
            }
            out.put(id, slot);
        }
        return out;
    }

    /** FNV-1a of the id's UTF-16 code units: stable across JVMs, unlike String.hashCode's contract. */
    static int slotOf(String id) {
        int h = 0x811c9dc5;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x01000193;
        }
        return Math.floorMod(h, NarrativeSummary.COLOUR_SLOTS);
    }

    private boolean isCampaign(Tally.Group g) {
        return g.accounts.size() >= settings.campaignAccounts()
                && g.peakAccounts(Duration.ofHours(settings.campaignHours())) >= settings.campaignAccounts();
    }

    /** Runs work on the worker and waits; for tests that need a refresh to have happened. */
    void refreshNow(String situation) {
        try {
            worker.submit(() -> rebuild(situation, null)).get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
