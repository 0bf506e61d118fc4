package org.sitroom.testing;

import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import org.sitroom.base.CurrentSituation;
import org.sitroom.engine.NarrativesReclustered;
import org.sitroom.timeline.TimelineService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * Replaces the engine and the situations with in-memory fakes filled from the demo fixture when
 * {@code sitroom.test.fake-engine=true} (see {@link WithFakeEngine}). The fakes are {@code @Primary}, so they also
 * win once the real engine's beans exist. The demo is shown {@code sitroom.test.fake-engine.progress} into the event
 * (default 45h30m: just after the leaked audio, when new narratives are emerging).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sitroom.test.fake-engine", havingValue = "true")
public class FakeEngineConfiguration {

    public static final Path DEMO_MILESTONES = Path.of("fixtures", "demo", "milestones.json");

    private final Instant now = Instant.now();
    private final Duration progress;

    FakeEngineConfiguration(@Value("${sitroom.test.fake-engine.progress:PT45H30M}") Duration progress) {
        this.progress = progress;
    }

    @Bean
    @Primary
    FakeEngine fakeEngine() {
        return FakeEngine.demo(FakeSituations.DEMO, now, progress);
    }

    @Bean
    @Primary
    FakeSituations fakeSituations() {
        return FakeSituations.demo(now, progress);
    }

    /** The header's situation name, which the ingest module provides in the real app. */
    @Bean
    @Primary
    CurrentSituation fakeCurrentSituation(FakeSituations situations) {
        return () -> situations.defaultSituation().map(org.sitroom.ingest.Situation::name);
    }

    /**
     * Clusters once at start, as the engine would after ingesting, and says so; imports the demo's milestones that
     * have "happened" by now, shifted like the posts (what the demo replay's start-up does).
     */
    @EventListener(ApplicationReadyEvent.class)
    void clusterAtStart(ApplicationReadyEvent ready) {
        FakeEngine engine = ready.getApplicationContext().getBean(FakeEngine.class);
        ApplicationEventPublisher events = ready.getApplicationContext();
        events.publishEvent(new NarrativesReclustered(engine.recluster(FakeSituations.DEMO)));
        Duration shift = Duration.between(FakeEngine.DEMO_START.plus(progress), now);
        ready.getApplicationContext().getBean(TimelineService.class)
                .importMilestones(FakeSituations.DEMO, DEMO_MILESTONES, shift, now);
    }

    /** Where the demo's clock stands: the fake data's "now". */
    public Instant now() {
        return now;
    }

    public Duration progress() {
        return progress;
    }
}
