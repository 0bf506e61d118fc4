package org.sitroom.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.StoredPost;
import org.sitroom.narratives.GrowthRange;
import org.sitroom.narratives.NarrativeService;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.SituationRef;
import org.sitroom.narratives.Subscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident timeline of a situation: milestones that analysts keep (every edit recorded), bursts detected in
 * the hourly volume, and what was said around each.
 */
@Service
public class TimelineService {

    /** Posts listed around a milestone or burst. */
    public static final int AROUND_POSTS = 50;
    /** How far around a milestone to look. */
    public static final Duration AROUND_MILESTONE = Duration.ofHours(1);

    private final MilestoneRepository milestones;
    private final NarrativeService narratives;
    private final TimelineMarks marks;
    private final BurstSettings rule;
    private final Clock clock;
    private final List<MilestoneListener> milestoneListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    TimelineService(MilestoneRepository milestones, NarrativeService narratives, TimelineMarks marks,
                    ObjectProvider<BurstSettings> rule, ObjectProvider<Clock> clock) {
        this.milestones = milestones;
        this.narratives = narratives;
        this.marks = marks;
        this.rule = rule.getIfAvailable(() -> BurstSettings.DEFAULTS);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    // ---- situations (so timeline views need no other module's service) ----

    @PreAuthorize("hasRole('VIEWER')")
    public List<SituationRef> situations() {
        return narratives.situations();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Optional<SituationRef> resolve(String requested) {
        return narratives.resolve(requested);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Optional<SituationRef> situation(String id) {
        return narratives.situation(id);
    }

    // ---- milestones ----

    @PreAuthorize("hasRole('VIEWER')")
    public List<Milestone> milestones(String situation) {
        requireKnown(situation);
        return milestones.all(situation);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Optional<Milestone> milestone(long id) {
        return milestones.find(id);
    }

    /** Adds a milestone in the signed-in analyst's name; throws IllegalArgumentException with a readable message. */
    @PreAuthorize("hasRole('ANALYST')")
    public Milestone add(String situation, MilestoneDraft draft) {
        requireKnown(situation);
        String user = currentUser();
        Milestone added = milestones.insert(situation, null, draft.validated(), user, user,
                MilestoneEdit.Action.CREATED, clock.instant()).orElseThrow();
        milestonesChanged(situation);
        return added;
    }

    /** Changes a milestone; before and after are recorded with the analyst's name. */
    @PreAuthorize("hasRole('ANALYST')")
    public Milestone update(long id, MilestoneDraft draft) {
        Milestone updated = milestones.update(id, draft.validated(), currentUser(), clock.instant())
                .orElseThrow(() -> new NoSuchElementException("no milestone " + id));
        milestonesChanged(updated.situation());
        return updated;
    }

    /** Every recorded change of a milestone, oldest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<MilestoneEdit> history(long id) {
        return milestones.edits(id);
    }

    /**
     * Imports milestones from a file shaped like {@code fixtures/demo/milestones.json} ({@code {"milestones": [{"id",
     * "time", "title", "note", "link", "author"}]}}), each time moved by {@code shift} (the demo replay moves the
     * event to end now). Importing the same file again adds nothing (ids are remembered per situation). For the
     * start-up of the demo: it runs without a signed-in user and records the file's authors.
     *
     * @return how many milestones were added
     */
    public int importMilestones(String situation, InputStream json, Duration shift) {
        return importMilestones(situation, json, shift, null);
    }

    /**
     * Like {@link #importMilestones(String, InputStream, Duration)}, but only milestones whose shifted time is not
     * after {@code until} (null: all), for a replay that has not reached the later ones yet; call again as it
     * advances.
     */
    public int importMilestones(String situation, InputStream json, Duration shift, Instant until) {
        return importMilestones(situation, json, t -> t.plus(shift), until);
    }

    /**
     * Like {@link #importMilestones(String, InputStream, Duration, Instant)}, with any rule from a recorded time to
     * the situation's time (a replay that compresses the hours after its start, for one).
     */
    public int importMilestones(String situation, InputStream json, UnaryOperator<Instant> shift, Instant until) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        int added = 0;
        for (JsonNode m : root.path("milestones")) {
            String externalId = m.path("id").asString(null);
            String author = m.path("author").asString("import");
            MilestoneDraft draft = new MilestoneDraft(shift.apply(Instant.parse(m.path("time").asString())),
                    m.path("title").asString(""), m.path("note").asString(""), m.path("link").asString(null))
                    .validated();
            if (until != null && draft.time().isAfter(until)) {
                continue;
            }
            if (milestones.insert(situation, externalId, draft, author, author, MilestoneEdit.Action.IMPORTED,
                    clock.instant()).isPresent()) {
                added++;
            }
        }
        if (added > 0) {
            milestonesChanged(situation);
        }
        return added;
    }

    /** {@link #importMilestones(String, InputStream, Duration, Instant)} from a file. */
    public int importMilestones(String situation, Path file, Duration shift, Instant until) {
        return importMilestones(situation, file, t -> t.plus(shift), until);
    }

    /** {@link #importMilestones(String, InputStream, UnaryOperator, Instant)} from a file. */
    public int importMilestones(String situation, Path file, UnaryOperator<Instant> shift, Instant until) {
        try (InputStream in = Files.newInputStream(file)) {
            return importMilestones(situation, in, shift, until);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read milestones from " + file, e);
        }
    }

    // ---- bursts and volume ----

    /** Bursts of the whole situation, oldest first. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Burst> bursts(String situation) {
        requireKnown(situation);
        return marks.situationBursts(situation);
    }

    /** Bursts of each narrative (narrative id set), oldest first; a narrative born in a burst counts. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Burst> narrativeBursts(String situation) {
        List<HourCount> all = marks.volumeUtc(situation);
        if (all.isEmpty()) {
            return List.of();
        }
        List<Burst> out = new ArrayList<>();
        for (NarrativeSummary n : narratives.narratives(situation, null)) {
            // Before its birth a narrative had no posts: that is its baseline, so a birth in a burst is found.
            List<HourCount> series = narratives.hourly(situation, n.id(), ZoneOffset.UTC, all.getFirst().hour(),
                    all.getLast().hour().plus(Duration.ofHours(1)));
            out.addAll(BurstDetector.detect(series, situation, n.id(), rule));
        }
        out.sort(Comparator.comparing(Burst::start).thenComparing(Burst::narrativeId));
        return out;
    }

    /** Posts per hour of the situation over a range ending now, hours of {@code zone}. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<HourCount> volume(String situation, GrowthRange range, ZoneId zone) {
        Optional<Instant[]> span = narratives.span(situation);
        if (span.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Instant to = (span.get()[1].isAfter(now) ? span.get()[1] : now).plus(Duration.ofHours(1));
        Instant from = range.length() == null ? span.get()[0] : now.minus(range.length()).plus(Duration.ofHours(1));
        return narratives.hourly(situation, null, zone, from, to);
    }

    /** @see NarrativeService#requireReady(String) */
    @PreAuthorize("hasRole('VIEWER')")
    public void requireReady(String situation) {
        narratives.requireReady(situation);
    }

    /** Posts and narratives in {@code [from, to)}. */
    @PreAuthorize("hasRole('VIEWER')")
    public Around around(String situation, Instant from, Instant to) {
        PostFilter window = new PostFilter(from, to, null, null, null);
        List<StoredPost> page = narratives.posts(situation, window, 0, AROUND_POSTS);
        long total = narratives.countPosts(situation, window);
        Map<String, Integer> perNarrative = new HashMap<>();
        // Up to a few thousand posts is cheap to tally here; beyond that the first pages tell the story.
        for (StoredPost p : narratives.posts(situation, window, 0, 5000)) {
            if (p.narrativeId() != null) {
                perNarrative.merge(p.narrativeId(), 1, Integer::sum);
            }
        }
        List<Around.NarrativeCount> counts = perNarrative.entrySet().stream()
                .map(e -> new Around.NarrativeCount(e.getKey(), narratives.narrative(situation, e.getKey())
                        .map(NarrativeSummary::title).orElse("Narrative " + e.getKey()), e.getValue()))
                .sorted(Comparator.comparingInt(Around.NarrativeCount::posts).reversed()
                        .thenComparing(Around.NarrativeCount::narrativeId))
                .toList();
        return new Around(from, to, page, total, counts);
    }

    /**
     * Calls {@code listener} (on a background thread) when the situation's numbers change or one of its milestones
     * is added or edited, so every open timeline shows an analyst's change without a reload.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public Subscription subscribe(String situation, Runnable listener) {
        Subscription numbers = narratives.subscribe(situation, change -> listener.run());
        MilestoneListener l = new MilestoneListener(situation, listener);
        milestoneListeners.add(l);
        return () -> {
            numbers.close();
            milestoneListeners.remove(l);
        };
    }

    private record MilestoneListener(String situation, Runnable listener) {
    }

    private void milestonesChanged(String situation) {
        for (MilestoneListener l : milestoneListeners) {
            if (l.situation().equals(situation)) {
                try {
                    l.listener().run();
                } catch (RuntimeException e) {
                    // one broken page must not stop the others from hearing of the change
                }
            }
        }
    }

    /** A narrative's title and colour for labels; narratives that no longer exist give nothing. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<NarrativeSummary> narrative(String situation, String narrativeId) {
        return narratives.narrative(situation, narrativeId);
    }

    @PreAuthorize("hasRole('VIEWER')")
    public int staleAfterMinutes() {
        return narratives.staleAfterMinutes();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Optional<Instant> latestPost(String situation) {
        return narratives.span(situation).map(s -> s[1]);
    }

    private void requireKnown(String situation) {
        if (narratives.situation(situation).isEmpty()) {
            throw new NoSuchElementException("no situation '" + situation + "'");
        }
    }

    private static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getName() == null) {
            throw new IllegalStateException("no signed-in user");
        }
        return auth.getName();
    }
}
