package org.sitroom.narratives;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.sitroom.base.ApiErrors;
import org.sitroom.base.SitroomProperties;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.SearchHit;
import org.sitroom.engine.StoredPost;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.Situations;
import org.sitroom.ingest.SourceHealth;
import org.sitroom.ingest.SourceMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What views and the REST API ask about narratives: the overview figures, the narratives with their growth, one
 * narrative in detail, posts and search. Reads come from the current snapshot of the narrative model (cheap, never
 * half-updated); posts and search go to the engine.
 */
@Service
@PreAuthorize("hasRole('VIEWER')")
public class NarrativeService {

    /** How long a request waits for a situation's first snapshot before it is told "not ready". */
    static final Duration FIRST_BUILD_WAIT = Duration.ofSeconds(10);
    static final Duration FIRST_BUILD_RETRY = Duration.ofSeconds(15);

    /** Series drawn separately in growth charts; the rest is summed as "other". */
    public static final int TOP_SERIES = 8;

    private final NarrativeModel model;
    private final NarrativeRepository repository;
    private final ObjectProvider<PostStore> store;
    private final ObjectProvider<Situations> situations;
    private final ObjectProvider<SourceMonitor> sources;
    private final ObjectProvider<IncidentMarks> marks;
    private final SitroomProperties properties;

    NarrativeService(NarrativeModel model, NarrativeRepository repository, ObjectProvider<PostStore> store,
                     ObjectProvider<Situations> situations, ObjectProvider<SourceMonitor> sources,
                     ObjectProvider<IncidentMarks> marks, SitroomProperties properties) {
        this.model = model;
        this.repository = repository;
        this.store = store;
        this.situations = situations;
        this.sources = sources;
        this.marks = marks;
        this.properties = properties;
    }

    // ---- situations ----

    public List<SituationRef> situations() {
        Situations s = situations.getIfAvailable();
        return s == null ? List.of() : s.all().stream().map(x -> new SituationRef(x.id(), x.name())).toList();
    }

    public Optional<SituationRef> situation(String id) {
        Situations s = situations.getIfAvailable();
        return id == null || s == null ? Optional.empty()
                : s.find(id).map(x -> new SituationRef(x.id(), x.name()));
    }

    /** The situation asked for if it exists, else the default one (most recently started), else none. */
    public Optional<SituationRef> resolve(String requested) {
        Optional<SituationRef> asked = situation(requested);
        if (asked.isPresent()) {
            return asked;
        }
        Situations s = situations.getIfAvailable();
        return s == null ? Optional.empty() : s.defaultSituation().map(x -> new SituationRef(x.id(), x.name()));
    }

    /** The zone the event is watched in, for charts that should not follow the viewer. */
    public Optional<ZoneId> situationZone(String id) {
        Situations s = situations.getIfAvailable();
        return s == null ? Optional.empty() : s.find(id).map(Situation::zone);
    }

    // ---- overview ----

    public OverviewFigures overview(String situation) {
        Snapshot s = snapshot(situation);
        Instant now = model.clock().instant();
        int active = (int) s.narratives().stream()
                .filter(n -> n.lastSeen() != null && n.lastSeen().isAfter(now.minus(Duration.ofHours(24)))).count();
        int emerging = (int) s.narratives().stream().filter(NarrativeSummary::emerging).count();
        SourceMonitor monitor = sources.getIfAvailable();
        List<SourceHealth> health = monitor == null ? List.of() : monitor.health(situation);
        int failing = (int) health.stream().filter(SourceHealth::failing).count();
        boolean stale = s.latestPost() == null
                || s.latestPost().isBefore(now.minus(Duration.ofMinutes(properties.staleAfterMinutes())));
        return new OverviewFigures(situation, s.totalPosts(), s.postsLastHour(), s.postsPreviousHour(), active,
                emerging, health.size() - failing, failing, s.latestPost(), stale, s.clustered(), s.asOf(),
                s.provenance());
    }

    public int staleAfterMinutes() {
        return properties.staleAfterMinutes();
    }

    // ---- narratives ----

    /** Narratives matching the query, in its order. */
    public List<NarrativeSummary> narratives(String situation, NarrativeQuery query) {
        NarrativeQuery q = query == null ? NarrativeQuery.ALL : query;
        String text = q.text() == null || q.text().isBlank() ? null : q.text().strip().toLowerCase(Locale.ROOT);
        Comparator<NarrativeSummary> order = switch (q.sort() == null ? NarrativeQuery.Sort.SIZE : q.sort()) {
            case TITLE -> Comparator.comparing(n -> n.title().toLowerCase(Locale.ROOT));
            case SIZE -> Comparator.comparingInt(NarrativeSummary::size);
            case ACCOUNTS -> Comparator.comparingInt(NarrativeSummary::accounts);
            case FIRST_SEEN -> Comparator.comparing(NarrativeSummary::firstSeen);
            case LAST_SEEN -> Comparator.comparing(NarrativeSummary::lastSeen);
            case VELOCITY -> Comparator.comparingDouble(NarrativeSummary::velocity);
            case THEME -> Comparator.comparingInt(NarrativeSummary::theme);
        };
        if (q.descending()) {
            order = order.reversed();
        }
        return snapshot(situation).narratives().stream()
                .filter(n -> text == null || n.title().toLowerCase(Locale.ROOT).contains(text)
                        || n.keywords().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).contains(text)))
                .filter(n -> q.theme() == null || n.theme() == q.theme())
                .filter(n -> q.language() == null || q.language().isBlank()
                        || n.languages().stream().anyMatch(l -> l.key().equals(q.language())))
                .filter(n -> !q.emergingOnly() || n.emerging())
                .sorted(order.thenComparing(NarrativeSummary::id))
                .toList();
    }

    public Optional<NarrativeSummary> narrative(String situation, String id) {
        return Optional.ofNullable(snapshot(situation).byId().get(id));
    }

    /** Emerging narratives, fastest first. */
    public List<NarrativeSummary> emerging(String situation) {
        return snapshot(situation).narratives().stream().filter(NarrativeSummary::emerging)
                .sorted(Comparator.comparingDouble(NarrativeSummary::velocity).reversed()
                        .thenComparing(NarrativeSummary::id))
                .toList();
    }

    /** A narrative with everything the detail page shows; for a narrative gone since, only its lineage. */
    public NarrativeDetail detail(String situation, String id) {
        Snapshot s = snapshot(situation);
        NarrativeSummary summary = s.byId().get(id);
        List<LineageEvent> lineage;
        try {
            lineage = repository.lineage(situation, id);
        } catch (RuntimeException e) {
            lineage = List.of();
        }
        if (summary == null) {
            return new NarrativeDetail(id, situation, null, List.of(), List.of(), List.of(), List.of(), lineage);
        }
        Snapshot.Extras extras = s.extras().get(id);
        return new NarrativeDetail(id, situation, summary, extras.representatives(), extras.sources(),
                summary.languages(), extras.duplicateGroups(), lineage);
    }

    /** Whether a narrative id was ever known in this situation (it may have merged away since). */
    public boolean everKnown(String situation, String id) {
        if (snapshot(situation).byId().containsKey(id)) {
            return true;
        }
        try {
            return repository.find(situation, id).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Theme number -> a short label from its keywords. */
    public Map<Integer, String> themes(String situation) {
        Snapshot s = snapshot(situation);
        Map<Integer, String> out = new TreeMap<>();
        s.narratives().stream().map(NarrativeSummary::theme).filter(t -> t >= 0)
                .forEach(t -> out.put(t, s.themeLabels().getOrDefault(t, "")));
        return out;
    }

    /** Languages of the situation's posts, most first. */
    public List<Share> languages(String situation) {
        return snapshot(situation).languages();
    }

    /** Sources of the situation's posts, most first. */
    public List<Share> sources(String situation) {
        return snapshot(situation).sources();
    }

    // ---- growth ----

    /** Posts per hour of the top narratives over a range ending now, the rest as "other", with incident marks. */
    public Growth growth(String situation, GrowthRange range, ZoneId zone, int top) {
        Snapshot s = snapshot(situation);
        List<Instant> hours = hours(s, range, zone);
        if (hours.isEmpty()) {
            return new Growth(situation, range, zone, List.of(), List.of(), List.of());
        }
        Instant from = hours.getFirst();
        Instant to = hours.getLast().plus(Duration.ofHours(1));
        List<NarrativeSummary> ranked = new ArrayList<>(s.narratives());
        Map<String, List<Integer>> counts = new HashMap<>();
        for (NarrativeSummary n : ranked) {
            counts.put(n.id(), counts(situation, n, hours, zone, from, to));
        }
        ranked.sort(Comparator.comparingInt((NarrativeSummary n) -> sum(counts.get(n.id()))).reversed()
                .thenComparing(NarrativeSummary::id));
        List<Growth.Series> series = new ArrayList<>();
        int[] other = new int[hours.size()];
        boolean anyOther = false;
        for (int i = 0; i < ranked.size(); i++) {
            NarrativeSummary n = ranked.get(i);
            List<Integer> c = counts.get(n.id());
            if (sum(c) == 0) {
                continue;
            }
            if (series.size() < top) {
                series.add(new Growth.Series(n.id(), n.title(), n.colour(), c));
            } else {
                anyOther = true;
                for (int h = 0; h < other.length; h++) {
                    other[h] += c.get(h);
                }
            }
        }
        if (anyOther) {
            series.add(new Growth.Series(null, "Other narratives", -1, java.util.Arrays.stream(other).boxed().toList()));
        }
        return new Growth(situation, range, zone, hours, List.copyOf(series), marks(situation, from, to));
    }

    /** Posts per hour of one narrative over a range ending now. */
    public Growth narrativeGrowth(String situation, String id, GrowthRange range, ZoneId zone) {
        Snapshot s = snapshot(situation);
        NarrativeSummary n = s.byId().get(id);
        List<Instant> hours = hours(s, range, zone);
        if (n == null || hours.isEmpty()) {
            return new Growth(situation, range, zone, List.of(), List.of(), List.of());
        }
        Instant to = hours.getLast().plus(Duration.ofHours(1));
        return new Growth(situation, range, zone, hours,
                List.of(new Growth.Series(id, n.title(), n.colour(), counts(situation, n, hours, zone, hours.getFirst(), to))),
                marks(situation, hours.getFirst(), to));
    }

    /**
     * Posts per hour of the situation (or of one narrative) in {@code [from, to)}, buckets aligned to whole hours
     * of {@code zone}, empty hours included.
     */
    public List<HourCount> hourly(String situation, String narrativeId, ZoneId zone, Instant from, Instant to) {
        Snapshot s = snapshot(situation);
        List<Instant> hours = new ArrayList<>();
        for (Instant h = startOfHour(from, zone); h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        List<Integer> counts;
        if (narrativeId == null) {
            counts = wholeHours(zone, hours) ? Hours.at(s.hourly(), hours) : fromStore(situation, null, hours, zone);
        } else {
            NarrativeSummary n = s.byId().get(narrativeId);
            counts = n == null ? hours.stream().map(h -> 0).toList()
                    : counts(situation, n, hours, zone, hours.isEmpty() ? from : hours.getFirst(), to);
        }
        List<HourCount> out = new ArrayList<>(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            out.add(new HourCount(hours.get(i), counts.get(i)));
        }
        return out;
    }

    /** The situation's first and latest post times, if it has posts. */
    public Optional<Instant[]> span(String situation) {
        Snapshot s = snapshot(situation);
        return s.hourly().isEmpty() ? Optional.empty()
                : Optional.of(new Instant[] {s.hourly().getFirst().hour(), s.latestPost()});
    }

    private List<Instant> hours(Snapshot s, GrowthRange range, ZoneId zone) {
        Instant now = model.clock().instant();
        Instant end = startOfHour(now, zone);
        Instant start;
        if (range.length() != null) {
            start = end.minus(range.length()).plus(Duration.ofHours(1));
        } else if (!s.hourly().isEmpty()) {
            start = startOfHour(s.hourly().getFirst().hour(), zone);
        } else {
            return List.of();
        }
        if (s.latestPost() != null && s.latestPost().isAfter(now)) {
            end = startOfHour(s.latestPost(), zone); // posts "from the future" (clock skew) still show
        }
        List<Instant> out = new ArrayList<>();
        for (Instant h = start; !h.isAfter(end); h = h.plus(Duration.ofHours(1))) {
            out.add(h);
        }
        return out;
    }

    private List<Integer> counts(String situation, NarrativeSummary n, List<Instant> hours, ZoneId zone,
                                 Instant from, Instant to) {
        return wholeHours(zone, hours) ? Hours.at(n.hourly(), hours) : fromStore(situation, n.id(), hours, zone);
    }

    /** Zones like Asia/Kolkata (+05:30) cut hours differently from UTC: ask the store for those. */
    private List<Integer> fromStore(String situation, String narrativeId, List<Instant> hours, ZoneId zone) {
        PostStore posts = store.getIfAvailable();
        if (posts == null || hours.isEmpty()) {
            return hours.stream().map(h -> 0).toList();
        }
        PostFilter filter = narrativeId == null ? PostFilter.ALL : PostFilter.narrative(narrativeId);
        Map<Instant, Integer> byHour = new HashMap<>();
        posts.hourly(situation, filter, zone, hours.getFirst(), hours.getLast().plus(Duration.ofHours(1)))
                .forEach(h -> byHour.put(h.hour(), h.count()));
        return hours.stream().map(h -> byHour.getOrDefault(h, 0)).toList();
    }

    private static boolean wholeHours(ZoneId zone, List<Instant> hours) {
        return hours.stream().allMatch(h -> zone.getRules().getOffset(h).getTotalSeconds() % 3600 == 0);
    }

    static Instant startOfHour(Instant t, ZoneId zone) {
        return ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    private List<IncidentMark> marks(String situation, Instant from, Instant to) {
        IncidentMarks provider = marks.getIfAvailable();
        if (provider == null) {
            return List.of();
        }
        try {
            return provider.marks(situation, from, to);
        } catch (RuntimeException e) {
            return List.of(); // the chart stays useful without its strip
        }
    }

    private static int sum(List<Integer> counts) {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    // ---- posts ----

    /** Posts matching the filter, newest first. */
    public List<StoredPost> posts(String situation, PostFilter filter, int offset, int limit) {
        requireKnown(situation);
        PostStore posts = store.getIfAvailable();
        return posts == null ? List.of() : posts.posts(situation, filter, offset, limit);
    }

    public long countPosts(String situation, PostFilter filter) {
        requireKnown(situation);
        PostStore posts = store.getIfAvailable();
        return posts == null ? 0 : posts.count(situation, filter);
    }

    /** Hybrid search: rare words (BM25) and meaning (the query embedded). */
    public List<SearchHit> search(String situation, String query, PostFilter filter, int limit) {
        requireKnown(situation);
        PostStore posts = store.getIfAvailable();
        return posts == null || query == null || query.isBlank() ? List.of()
                : posts.search(situation, query.strip(), filter, limit);
    }

    /** One post of the situation. */
    public Optional<StoredPost> post(String situation, String postId) {
        requireKnown(situation);
        PostStore posts = store.getIfAvailable();
        return posts == null ? Optional.empty()
                : posts.get(postId).filter(p -> p.situation().equals(situation));
    }

    // ---- live ----

    /** Calls {@code listener} (on a background thread) whenever the situation's model switches to a new version. */
    public Subscription subscribe(String situation, Consumer<NarrativesChanged> listener) {
        return model.subscribe(situation, listener);
    }

    /**
     * Whether the situation's narratives can be served now; else its first build is still running (a first start on
     * a large data folder), which the API reports as 503 with a time to retry.
     *
     * @throws ApiErrors.Unavailable if the first build did not finish within a short wait
     */
    public void requireReady(String situation) {
        requireKnown(situation);
        if (model.snapshot(situation, FIRST_BUILD_WAIT).isEmpty()) {
            throw new ApiErrors.Unavailable("the narratives of '" + situation + "' are still being prepared (first "
                    + "start on this data); retry shortly", FIRST_BUILD_RETRY);
        }
    }

    /**
     * The situation's snapshot; while its first build runs, an empty one, which pages show as "not grouped yet" and
     * replace live when the build publishes (they are subscribed), instead of failing after a long wait.
     */
    private Snapshot snapshot(String situation) {
        requireKnown(situation);
        return model.snapshot(situation, FIRST_BUILD_WAIT).orElseGet(() -> Snapshot.empty(situation, model.clock().instant()));
    }

    private void requireKnown(String situation) {
        if (situation(situation).isEmpty()) {
            throw new NoSuchElementException("no situation '" + situation + "'");
        }
    }
}
