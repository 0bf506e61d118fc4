package org.sitroom.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.sitroom.SitroomApplication;
import org.sitroom.cli.Cli;
import org.sitroom.engine.PostIds;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.PostStore;
import org.sitroom.engine.StoredPost;
import org.sitroom.ingest.DemoReplayStarted;
import org.sitroom.ingest.Situations;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationCatalog;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in demo end to end with the real engine: its replay source under a fixed clock (at the start, exactly
 * the posts of the 45 h 30 min head start are in, back-dated; 30 and 60 minutes later, exactly those of the
 * recording's next 30 and 60 minutes, in real time), its Quartz job in the JDBC job
 * store (survives a restart of the context with its trigger unchanged; never two runs of the source at once), and a
 * restart that continues the replay from the stored start instead of starting it over.
 */
class ReplayScheduleIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final Duration HEAD_START = Duration.ofHours(45).plusMinutes(30);

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(List<DemoReplayStarted> events) {
        var app = new SpringApplicationBuilder(SitroomApplication.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties(Cli.NO_WEB_PROPERTIES)
                // The scheduler stays in standby so only the test runs the source, at the clock's chosen moments.
                .properties("spring.quartz.auto-startup=false", "sitroom.engine.clustering.check-every=1h",
                        "sitroom.ingest.situations-file=" + dir.resolve("no-situations.yml"))
                .listeners((ApplicationListener<?>) ApplicationListener.<DemoReplayStarted>forPayload(events::add))
                .run("--sitroom.data=" + dir.resolve("data"));
        return app;
    }

    @Test
    void theDemoReplaysOnScheduleAndContinuesAfterARestart() throws Exception {
        List<Instant> recorded = recordedTimes();
        Instant first = recorded.getFirst();
        List<DemoReplayStarted> events = new CopyOnWriteArrayList<>();
        Instant triggerStart;
        try (ConfigurableApplicationContext app = start(events)) {
            IngestClock clock = app.getBean(IngestClock.class);
            SourceRunner runner = app.getBean(SourceRunner.class);
            assertThat(app.getBean(Situations.class).defaultSituation()).get()
                    .satisfies(s -> assertThat(s.name()).isEqualTo("Naval encounter in the Eastern Mediterranean"));

            // One durable job for the one source, in the JDBC store, every 5 s, fire-once-now on misfire.
            Scheduler scheduler = app.getBean(Scheduler.class);
            JobDetail job = scheduler.getJobDetail(SourceSchedule.jobKey(SituationCatalog.DEMO_SOURCE));
            assertThat(job).isNotNull();
            assertThat(job.isDurable()).isTrue();
            assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
            Trigger trigger = scheduler.getTrigger(SourceSchedule.triggerKey(SituationCatalog.DEMO_SOURCE));
            assertThat(trigger).isInstanceOf(SimpleTrigger.class);
            assertThat(((SimpleTrigger) trigger).getRepeatInterval()).isEqualTo(5000);
            assertThat(trigger.getMisfireInstruction())
                    .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_EXISTING_REPEAT_COUNT);
            assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?", Integer.class,
                    SituationCatalog.DEMO_SOURCE)).isEqualTo(1);
            triggerStart = trigger.getStartTime().toInstant();

            clock.set(Clock.fixed(T0, ZoneOffset.UTC));
            assertThat(runner.run(SituationCatalog.DEMO_SOURCE)).isEqualTo(SourceRunner.Result.DONE);
            assertIn(app, recorded, first, HEAD_START);
            // Back-dated with the hours intact: the first post lies the head start before the replay's start.
            assertThat(app.getBean(PostStore.class).posts(SituationCatalog.DEMO_ID, PostFilter.ALL, 0, 5000).stream()
                    .map(StoredPost::time).min(Instant::compareTo)).get().isEqualTo(T0.minus(HEAD_START));

            // 30 minutes later, in real time: the recording's next 30 minutes.
            clock.set(Clock.fixed(T0.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
            assertThat(runner.run(SituationCatalog.DEMO_SOURCE)).isEqualTo(SourceRunner.Result.DONE);
            assertIn(app, recorded, first, HEAD_START.plusMinutes(30));

            // No two runs of one source at once: while one holds it, another is turned away.
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> {
                runner.lock(SituationCatalog.DEMO_SOURCE).lock();
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    runner.lock(SituationCatalog.DEMO_SOURCE).unlock();
                }
            });
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.run(SituationCatalog.DEMO_SOURCE)).isEqualTo(SourceRunner.Result.BUSY);
            release.countDown();
            holder.join();

            assertThat(events).hasSize(1);
            DemoReplayStarted e = events.getFirst();
            assertThat(e.situationId()).isEqualTo(SituationCatalog.DEMO_ID);
            assertThat(e.shiftedStart()).isEqualTo(T0);
            assertThat(e.recordedStart()).isEqualTo(first.plus(HEAD_START));
            assertThat(e.speed()).isEqualTo(1.0);
            assertThat(Files.isRegularFile(e.milestones())).isTrue();
            // The first milestone (02:18 recorded, 2 h 17 min 21 s after the first post) is back-dated like the posts.
            Instant firstMilestone = Instant.parse("2026-03-14T02:18:00Z");
            assertThat(e.shift(firstMilestone)).isEqualTo(T0.minus(HEAD_START).plus(Duration.between(first, firstMilestone)));
        }

        // A restart: the job and its trigger are still there (JDBC store), and the replay goes on from T0.
        events.clear();
        try (ConfigurableApplicationContext app = start(events)) {
            Scheduler scheduler = app.getBean(Scheduler.class);
            Trigger trigger = scheduler.getTrigger(SourceSchedule.triggerKey(SituationCatalog.DEMO_SOURCE));
            assertThat(trigger.getStartTime().toInstant()).as("the same trigger, not a new one").isEqualTo(triggerStart);
            IngestClock clock = app.getBean(IngestClock.class);
            clock.set(Clock.fixed(T0.plus(Duration.ofMinutes(60)), ZoneOffset.UTC));
            assertThat(app.getBean(SourceRunner.class).run(SituationCatalog.DEMO_SOURCE))
                    .isEqualTo(SourceRunner.Result.DONE);
            assertIn(app, recorded, first, HEAD_START.plusMinutes(60));
            String cursor = app.getBean(IngestLedger.class).cursor(SituationCatalog.DEMO_SOURCE, "").value();
            assertThat(JsonMapper.builder().build().readTree(cursor).get("start").asString()).isEqualTo(T0.toString());
            assertThat(events).singleElement().satisfies(e -> assertThat(e.shiftedStart()).isEqualTo(T0));
        }
    }

    /** Exactly the posts recorded within {@code sim} of the first are in (stored, or refused by the engine). */
    private static void assertIn(ConfigurableApplicationContext app, List<Instant> recorded, Instant first,
                                 Duration sim) throws Exception {
        List<String> due = new ArrayList<>();
        List<String> ids = ids();
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).isAfter(first.plus(sim))) {
                due.add(PostIds.of(SituationCatalog.DEMO_SOURCE, ids.get(i)));
            }
        }
        PostStore store = app.getBean(PostStore.class);
        long refused = app.getBean(IngestLedger.class).allQuarantine(SituationCatalog.DEMO_SOURCE).size();
        assertThat(due).isNotEmpty();
        assertThat(store.existing(due).size() + refused).as("posts due after %s", sim).isEqualTo(due.size());
        assertThat(store.count(SituationCatalog.DEMO_ID)).as("nothing beyond").isEqualTo(due.size() - refused);
    }

    private static List<String> lines() throws Exception {
        return Files.readAllLines(Path.of("fixtures", "demo", "naval-encounter.jsonl"));
    }

    private static List<Instant> recordedTimes() throws Exception {
        var json = JsonMapper.builder().build();
        return lines().stream().map(l -> Instant.parse(json.readTree(l).get("time").asString())).toList();
    }

    private static List<String> ids() throws Exception {
        var json = JsonMapper.builder().build();
        return lines().stream().map(l -> json.readTree(l).get("id").asString()).toList();
    }
}
