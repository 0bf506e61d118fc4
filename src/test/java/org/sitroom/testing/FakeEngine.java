package org.sitroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sitroom.engine.ClusterSummary;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.IngestReport;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.NarrativeClustering;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.Provenance;
import org.sitroom.engine.SearchHit;
import org.sitroom.engine.StoredPost;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-memory stand-in for the engine (post store and clustering) for tests and for running the dashboard before
 * the real engine lands. Narratives are the demo fixture's ground-truth {@code narrative} labels (noise stays
 * unassigned); duplicate groups are texts equal after dropping retweet prefixes, hashtags, emoji and spacing;
 * search matches words only (no meaning). Not thread-hostile: every method synchronises on the store.
 */
public class FakeEngine implements PostStore, NarrativeClustering {

    public static final Path DEMO_POSTS = Path.of("fixtures", "demo", "naval-encounter.jsonl");
    public static final Instant DEMO_START = Instant.parse("2026-03-14T00:00:00Z");
    /** Narrative ids are the fixture's slugs with this prefix, so tests can tell ids from labels. */
    public static final String ID_PREFIX = "n-";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Map<String, Integer> THEMES = Map.ofEntries(
            Map.entry("collision-near-miss-facts", 0), Map.entry("provoked-by-ostmark", 1),
            Map.entry("provoked-by-veloria", 1), Map.entry("staged", 1), Map.entry("cover-up-casualties", 1),
            Map.entry("ai-fake-video", 1), Map.entry("nato-involvement", 1), Map.entry("media-bias", 1),
            Map.entry("escalation-fear", 2), Map.entry("sanctions-call", 2), Map.entry("call-for-restraint", 2),
            Map.entry("energy-drilling", 3), Map.entry("ferry-tourism-impact", 3),
            Map.entry("fishermen-affected", 3), Map.entry("humour-memes", 4));

    private final Map<String, StoredPost> posts = new LinkedHashMap<>();
    private final Map<String, Clustering> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> born = new HashMap<>();

    /**
     * The demo event replayed up to {@code progress} after its start, with times shifted so that moment is
     * {@code now}: what a viewer would see that far into a live replay.
     */
    public static FakeEngine demo(String situation, Instant now, Duration progress) {
        FakeEngine engine = new FakeEngine();
        Duration shift = Duration.between(DEMO_START.plus(progress), now);
        for (StoredPost p : readDemo(situation, shift)) {
            if (!p.time().isAfter(now)) {
                engine.put(p);
            }
        }
        return engine;
    }

    /** All demo posts, times shifted, each with its ground-truth narrative id (null for noise). */
    public static List<StoredPost> readDemo(String situation, Duration shift) {
        JsonMapper json = JsonMapper.builder().build();
        List<StoredPost> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DEMO_POSTS, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String narrative = n.get("narrative").asString();
                String text = n.get("text").asString();
                String source = n.get("source").asString();
                String externalId = n.get("id").asString();
                out.add(new StoredPost(source + ":" + externalId, situation, source, n.get("author").asString(),
                        n.get("lang").asString(), Instant.parse(n.get("time").asString()).plus(shift), text, null,
                        duplicateGroup(text), "noise".equals(narrative) ? null : ID_PREFIX + narrative));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Texts equal after dropping retweet prefixes, mentions, links, hashtags, emoji and case are one group. */
    static long duplicateGroup(String text) {
        String t = text.replaceFirst("^RT @[^:]+:\\s*", "").toLowerCase(Locale.ROOT)
                .replaceAll("https?://\\S+", " ").replaceAll("[#@][\\p{L}\\p{N}_]+", " ");
        Matcher m = WORD.matcher(t);
        StringBuilder key = new StringBuilder();
        while (m.find()) {
            key.append(m.group()).append(' ');
        }
        return key.toString().hashCode() & 0xffffffffL;
    }

    /** Stores a post as it is (narrative included), as if ingested and assigned. */
    public synchronized void put(StoredPost post) {
        posts.put(post.id(), post);
        if (post.narrativeId() != null) {
            born.merge(post.narrativeId(), post.time(), (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    // ---- PostStore ----

    @Override
    public synchronized IngestReport add(List<NewPost> batch) {
        int added = 0;
        for (NewPost p : batch) {
            if (!posts.containsKey(p.id())) {
                put(new StoredPost(p.id(), p.situation(), p.source(), p.author(), p.language(), p.time(), p.text(),
                        p.url(), duplicateGroup(p.text()), null));
                added++;
            }
        }
        return new IngestReport(added, batch.size() - added, List.of(), 0, 0, 0, 0);
    }

    @Override
    public synchronized Set<String> existing(Collection<String> ids) {
        return ids.stream().filter(posts::containsKey).collect(Collectors.toSet());
    }

    @Override
    public synchronized long count(String situation) {
        return count(situation, PostFilter.ALL);
    }

    @Override
    public synchronized long count(String situation, PostFilter filter) {
        return matching(situation, filter).size();
    }

    @Override
    public synchronized Optional<StoredPost> get(String id) {
        return Optional.ofNullable(posts.get(id));
    }

    @Override
    public synchronized List<StoredPost> posts(String situation, PostFilter filter, int offset, int limit) {
        List<StoredPost> all = matching(situation, filter);
        all.sort(Comparator.comparing(StoredPost::time).reversed().thenComparing(StoredPost::id));
        return List.copyOf(all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
    }

    @Override
    public synchronized List<StoredPost> posts(String situation, Collection<String> ids) {
        return ids.stream().map(posts::get).filter(p -> p != null && p.situation().equals(situation)).toList();
    }

    @Override
    public synchronized List<SearchHit> search(String situation, String query, PostFilter filter, int limit) {
        Set<String> words = new HashSet<>();
        Matcher q = WORD.matcher(query.toLowerCase(Locale.ROOT));
        while (q.find()) {
            words.add(q.group());
        }
        List<SearchHit> hits = new ArrayList<>();
        for (StoredPost p : matching(situation, filter)) {
            List<SearchHit.Range> ranges = new ArrayList<>();
            Set<String> found = new HashSet<>();
            Matcher m = WORD.matcher(p.text());
            while (m.find()) {
                String w = m.group().toLowerCase(Locale.ROOT);
                if (words.contains(w)) {
                    ranges.add(new SearchHit.Range(m.start(), m.end()));
                    found.add(w);
                }
            }
            if (!found.isEmpty()) {
                hits.add(new SearchHit(p, p.text(), List.copyOf(ranges), found.size() + ranges.size() / 100.0, "words"));
            }
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed()
                .thenComparing(h -> h.post().time(), Comparator.reverseOrder()));
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    }

    @Override
    public synchronized List<HourCount> hourly(String situation, PostFilter filter, ZoneId zone, Instant from,
                                               Instant to) {
        List<StoredPost> all = matching(situation, filter);
        List<HourCount> out = new ArrayList<>();
        for (Instant h = ZonedDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
             h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
            Instant start = h;
            Instant end = h.plus(Duration.ofHours(1));
            out.add(new HourCount(h, (int) all.stream()
                    .filter(p -> !p.time().isBefore(start) && p.time().isBefore(end)).count()));
        }
        return out;
    }

    /** The earliest and latest post time of a situation, if it has posts. */
    private synchronized Optional<Instant[]> timeRange(String situation) {
        List<StoredPost> all = matching(situation, PostFilter.ALL);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Instant[] {
                all.stream().map(StoredPost::time).min(Comparator.naturalOrder()).orElseThrow(),
                all.stream().map(StoredPost::time).max(Comparator.naturalOrder()).orElseThrow()});
    }

    private List<StoredPost> matching(String situation, PostFilter f) {
        List<StoredPost> out = new ArrayList<>();
        for (StoredPost p : posts.values()) {
            if (!p.situation().equals(situation)
                    || (f.from() != null && p.time().isBefore(f.from()))
                    || (f.to() != null && !p.time().isBefore(f.to()))
                    || (f.language() != null && !f.language().equals(p.language()))
                    || (f.source() != null && !f.source().equals(p.source()))) {
                continue;
            }
            if (f.narrativeId() != null) {
                boolean unassigned = PostFilter.UNASSIGNED.equals(f.narrativeId());
                if (unassigned ? p.narrativeId() != null : !f.narrativeId().equals(p.narrativeId())) {
                    continue;
                }
            }
            out.add(p);
        }
        return out;
    }

    // ---- NarrativeClustering ----

    @Override
    public synchronized Clustering recluster(String situation) {
        List<StoredPost> all = matching(situation, PostFilter.ALL);
        Map<String, List<StoredPost>> byNarrative = all.stream().filter(p -> p.narrativeId() != null)
                .collect(Collectors.groupingBy(StoredPost::narrativeId, LinkedHashMap::new, Collectors.toList()));
        List<ClusterSummary> clusters = new ArrayList<>();
        List<LineageEvent> lineage = new ArrayList<>();
        Instant now = all.stream().map(StoredPost::time).max(Comparator.naturalOrder()).orElse(Instant.now());
        byNarrative.forEach((id, members) -> {
            Map<Long, List<StoredPost>> groups = members.stream()
                    .collect(Collectors.groupingBy(StoredPost::duplicateGroup));
            // "Closest to the centroid" stands in as: the earliest post of each of the biggest groups.
            List<String> reps = groups.values().stream()
                    .sorted(Comparator.comparingInt((List<StoredPost> g) -> g.size()).reversed()
                            .thenComparing(g -> g.getFirst().id()))
                    .limit(5)
                    .map(g -> g.stream().min(Comparator.comparing(StoredPost::time)).orElseThrow().id())
                    .toList();
            String slug = id.substring(ID_PREFIX.length());
            clusters.add(new ClusterSummary(id, members.size(), groups.size(), new float[0], reps,
                    THEMES.getOrDefault(slug, Math.floorMod(slug.hashCode(), 5))));
            lineage.add(new LineageEvent(born.getOrDefault(id, now), LineageEvent.Kind.BORN, id, null, 1));
        });
        clusters.sort(Comparator.comparingInt(ClusterSummary::posts).reversed());
        long noise = all.stream().filter(p -> p.narrativeId() == null).count();
        Instant[] range = timeRange(situation).orElse(new Instant[] {now, now});
        Clustering c = new Clustering(situation, List.copyOf(clusters), List.copyOf(lineage), noise,
                new Provenance("fake-ground-truth-labels", "-", Map.of("source", DEMO_POSTS.toString()), range[0],
                        range[1], all.size(), Instant.now()));
        latest.put(situation, c);
        return c;
    }

    @Override
    public Optional<Clustering> latest(String situation) {
        return Optional.ofNullable(latest.get(situation));
    }
}
