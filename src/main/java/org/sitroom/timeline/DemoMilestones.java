package org.sitroom.timeline;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sitroom.ingest.DemoReplayStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Puts a replayed demo's milestones on its timeline as the replay reaches them: at once those it has passed
 * (back-dated like its posts), then each later one when its replayed time comes. Imports are idempotent by the
 * milestone's id, so restarts and repeats add nothing twice.
 */
@Component
class DemoMilestones {

    private static final Logger log = LoggerFactory.getLogger(DemoMilestones.class);

    private final TimelineService timeline;
    private final Clock clock;
    private final Map<String, DemoReplayStarted> replays = new ConcurrentHashMap<>();

    DemoMilestones(TimelineService timeline, ObjectProvider<Clock> clock) {
        this.timeline = timeline;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @EventListener
    void on(DemoReplayStarted replay) {
        replays.put(replay.situationId(), replay);
        importDue(replay);
    }

    /** Milestones whose replayed time has come since the last look. */
    @Scheduled(fixedDelay = 15_000, initialDelay = 15_000)
    void advance() {
        replays.values().forEach(this::importDue);
    }

    private void importDue(DemoReplayStarted replay) {
        try {
            int added = timeline.importMilestones(replay.situationId(), replay.milestones(), replay::shift,
                    clock.instant());
            if (added > 0) {
                log.info("Demo {}: {} milestone(s) on the timeline", replay.situationId(), added);
            }
        } catch (RuntimeException e) {
            // The posts go on without milestones; the next look tries again.
            log.warn("Demo {}: could not import milestones from {}: {}", replay.situationId(), replay.milestones(),
                    e.getMessage());
        }
    }
}
