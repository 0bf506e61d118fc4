package org.sitroom.narratives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.NarrativesReclustered;
import org.sitroom.engine.PostsIndexed;
import org.sitroom.engine.StoredPost;
import org.sitroom.testing.FakeEngine;
import org.sitroom.testing.FakeSituations;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The read model over the demo fixture: tallies, keywords, campaigns, growth and live increments. */
class NarrativeModelTest {

    private static final String S = FakeSituations.DEMO;
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private NarrativeModel model;

    private NarrativeModel model(FakeEngine engine, Instant now) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("engine", engine,
                "situations", FakeSituations.demo(now, Duration.ofHours(72)), "clock", Clock.fixed(now, ZoneOffset.UTC)));
        model = new NarrativeModel(beans.getBeanProvider(org.sitroom.engine.PostStore.class),
                beans.getBeanProvider(org.sitroom.engine.NarrativeClustering.class),
                beans.getBeanProvider(org.sitroom.ingest.Situations.class), mock(NarrativeRepository.class),
                e -> { }, beans.getBeanProvider(NarrativeSettings.class), beans.getBeanProvider(Clock.class));
        return model;
    }

    /** The snapshot once its first build is done (these small fixtures take well under a second). */
    private static Snapshot built(NarrativeModel m) {
        return m.snapshot(S, Duration.ofMinutes(2)).orElseThrow();
    }

    @AfterEach
    void stop() {
        if (model != null) {
            model.destroy();
        }
    }

    /**
     * A first build can take minutes on a large situation; callers must hear "not ready" after their short wait
     * rather than hang (a page, or an API call that then failed with a 500 after two minutes), and then get the
     * build once it is done.
     */
    @Test
    void whileTheFirstBuildRunsCallersHearNotReadyInsteadOfWaiting() throws Exception {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        org.sitroom.engine.PostStore slow = mock(org.sitroom.engine.PostStore.class,
                org.mockito.AdditionalAnswers.delegatesTo(engine));
        org.mockito.Mockito.doAnswer(call -> {
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return engine.posts(call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3));
        }).when(slow).posts(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt());
        model = new NarrativeModel(new StaticListableBeanFactory(Map.of("store", slow))
                .getBeanProvider(org.sitroom.engine.PostStore.class),
                new StaticListableBeanFactory(Map.of("clustering", engine))
                        .getBeanProvider(org.sitroom.engine.NarrativeClustering.class),
                new StaticListableBeanFactory(Map.of("situations", FakeSituations.demo(NOW, Duration.ofHours(72))))
                        .getBeanProvider(org.sitroom.ingest.Situations.class), mock(NarrativeRepository.class),
                e -> { }, new StaticListableBeanFactory().getBeanProvider(NarrativeSettings.class),
                new StaticListableBeanFactory(Map.of("clock", Clock.fixed(NOW, ZoneOffset.UTC))).getBeanProvider(Clock.class));

        long started = System.nanoTime();
        assertThat(model.snapshot(S, Duration.ofMillis(300))).isEmpty();
        assertThat(model.snapshot(S, Duration.ofMillis(300))).isEmpty(); // the same build, still running
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        release.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> model.snapshot(S, Duration.ofMillis(500)).isPresent());
        assertThat(model.snapshot(S, Duration.ZERO).orElseThrow().totalPosts()).isEqualTo(3108);
    }

    @Test
    void theWholeDemoIsTalliedAsTheFixtureSays() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        Snapshot s = built(model(engine, NOW));

        assertThat(s.totalPosts()).isEqualTo(3108);
        assertThat(s.unassignedPosts()).isEqualTo(373); // the noise
        assertThat(s.narratives()).hasSize(15);
        NarrativeSummary staged = s.byId().get("n-staged");
        assertThat(staged.size()).isEqualTo(350);
        assertThat(staged.accounts()).isEqualTo(255);
        assertThat(staged.languages().getFirst()).isEqualTo(new Share("en", 162));
        assertThat(staged.hourly().stream().mapToInt(h -> h.count()).sum()).isEqualTo(350);
        assertThat(s.narratives().getFirst().id()).isEqualTo("n-collision-near-miss-facts"); // biggest first
    }

    @Test
    void keywordsSayWhatANarrativeIsAbout() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        Snapshot s = built(model(engine, NOW));

        assertThat(s.byId().get("n-energy-drilling").keywords()).anySatisfy(k -> assertThat(k).containsIgnoringCase("gas"));
        assertThat(s.byId().get("n-sanctions-call").keywords()).anySatisfy(k -> assertThat(k).containsIgnoringCase("sanction"));
        assertThat(s.byId().get("n-staged").title()).isNotBlank().doesNotStartWith("Narrative ");
        assertThat(s.byId().values()).allSatisfy(n -> assertThat(n.keywords()).hasSizeBetween(3, 8)
                .doesNotContain("the", "and", "και", "ve", "rt"));
    }

    @Test
    void copyPasteCampaignsAreFlagged() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        Snapshot s = built(model(engine, NOW));

        DuplicateGroup top = s.extras().get("n-provoked-by-ostmark").duplicateGroups().getFirst();
        assertThat(top.campaign()).isTrue();
        assertThat(top.accounts()).isGreaterThanOrEqualTo(140); // stand-with-aster: 150 accounts, one text
        assertThat(s.extras().get("n-staged").duplicateGroups()).noneMatch(DuplicateGroup::campaign);
    }

    @Test
    void justAfterTheLeakedAudioTheNewNarrativeIsEmerging() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofMinutes(45 * 60 + 30));
        engine.recluster(S);
        Snapshot s = built(model(engine, NOW));

        NarrativeSummary fake = s.byId().get("n-ai-fake-video");
        assertThat(fake.emerging()).isTrue();
        assertThat(fake.lastHour()).isGreaterThanOrEqualTo(5);
        assertThat(s.byId().get("n-fishermen-affected")).satisfiesAnyOf(
                n -> assertThat(n.emerging()).isFalse(), n -> assertThat(n).isNull());
        assertThat(s.postsLastHour()).isGreaterThan(s.postsPreviousHour() / 2);
    }

    @Test
    void newPostsAreAddedOnceAndListenersHearOfIt() throws Exception {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        NarrativeModel m = model(engine, NOW);
        long before = built(m).byId().get("n-staged").size();
        List<NarrativesChanged> heard = new CopyOnWriteArrayList<>();
        m.subscribe(S, heard::add);

        StoredPost fresh = new StoredPost("t:1", S, "t", "@new_account", "en", NOW.minusSeconds(30),
                "It was all staged for the cameras", null, 1L, "n-staged");
        engine.put(fresh);
        // The same post announced twice (a source re-delivering it): counted once.
        m.on(new PostsIndexed(S, 1, List.of(fresh.id())));
        m.on(new PostsIndexed(S, 1, List.of(fresh.id(), "t:not-stored")));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> built(m).byId().get("n-staged").size() == before + 1);
        assertThat(heard).isNotEmpty().allSatisfy(c -> assertThat(c.reclustered()).isFalse());
        assertThat(built(m).byId().get("n-staged").lastHour()).isGreaterThanOrEqualTo(1);
        assertThat(built(m).postsLastHour()).isGreaterThanOrEqualTo(1);
    }

    /**
     * A command-line import announces every batch, and nobody there reads narratives: the model must not tally or
     * recluster for a situation until someone reads it, and that first read must then see everything.
     */
    @Test
    void eventsForASituationNobodyReadsWaitForTheFirstRead() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        engine.recluster(S);
        org.sitroom.engine.PostStore store = mock(org.sitroom.engine.PostStore.class,
                org.mockito.AdditionalAnswers.delegatesTo(engine));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of(
                "situations", FakeSituations.demo(NOW, Duration.ofHours(72)), "clock", Clock.fixed(NOW, ZoneOffset.UTC)));
        model = new NarrativeModel(new StaticListableBeanFactory(Map.of("store", store))
                        .getBeanProvider(org.sitroom.engine.PostStore.class),
                new StaticListableBeanFactory(Map.of("clustering", engine))
                        .getBeanProvider(org.sitroom.engine.NarrativeClustering.class),
                beans.getBeanProvider(org.sitroom.ingest.Situations.class), mock(NarrativeRepository.class),
                e -> { }, beans.getBeanProvider(NarrativeSettings.class), beans.getBeanProvider(Clock.class));
        StoredPost fresh = new StoredPost("t:1", S, "t", "@new_account", "en", NOW.minusSeconds(30),
                "It was all staged for the cameras", null, 1L, "n-staged");
        engine.put(fresh);

        model.on(new PostsIndexed(S, 1, List.of(fresh.id())));
        model.on(new NarrativesReclustered(engine.recluster(S)));

        // Unfollowed, a request would run at once (nothing ran before it): half a second of silence is telling.
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> org.mockito.Mockito.mockingDetails(store).getInvocations().isEmpty()
                        && model.peek(S).isEmpty());
        assertThat(built(model).totalPosts()).isEqualTo(3109);
        assertThat(built(model).byId().get("n-staged").size()).isEqualTo(351);
    }

    @Test
    void aReclusterSwitchesToTheNewNarratives() {
        FakeEngine engine = FakeEngine.demo(S, NOW, Duration.ofHours(72));
        NarrativeModel m = model(engine, NOW);
        assertThat(built(m).clustered()).isFalse();
        assertThat(built(m).narratives()).as("posts arrive assigned, even before a recluster").isNotEmpty();

        m.on(new NarrativesReclustered(engine.recluster(S)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> built(m).clustered());
        assertThat(built(m).themeLabels()).isNotEmpty();
    }
}
