package org.sitroom.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sitroom.engine.HourCount;
import org.sitroom.narratives.IncidentMark;
import org.sitroom.narratives.IncidentMarks;
import org.sitroom.narratives.NarrativeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Milestones and situation-wide bursts for the incident strip under the narratives' growth chart. The narratives
 * module asks through {@link IncidentMarks}, so it needs no dependency on this module.
 */
@Component
class TimelineMarks implements IncidentMarks {

    private final MilestoneRepository milestones;
    private final NarrativeService narratives;
    private final BurstSettings rule;

    TimelineMarks(MilestoneRepository milestones, NarrativeService narratives, ObjectProvider<BurstSettings> rule) {
        this.milestones = milestones;
        this.narratives = narratives;
        this.rule = rule.getIfAvailable(() -> BurstSettings.DEFAULTS);
    }

    @Override
    public List<IncidentMark> marks(String situation, Instant from, Instant to) {
        List<IncidentMark> out = new ArrayList<>();
        milestones.between(situation, from, to).forEach(m ->
                out.add(new IncidentMark(IncidentMark.Kind.MILESTONE, m.time(), m.time(), m.title(), null)));
        situationBursts(situation).stream().filter(b -> b.end().isAfter(from) && b.start().isBefore(to))
                .forEach(b -> out.add(new IncidentMark(IncidentMark.Kind.BURST, b.start(), b.end(),
                        "Burst: " + b.peak() + " posts/h, " + String.format(java.util.Locale.ROOT, "%.1f", b.ratio())
                                + "× the usual", null)));
        out.sort(Comparator.comparing(IncidentMark::from));
        return out;
    }

    List<Burst> situationBursts(String situation) {
        return BurstDetector.detect(volumeUtc(situation), situation, null, rule);
    }

    /** The situation's posts per UTC hour from its first to its latest post. */
    List<HourCount> volumeUtc(String situation) {
        Optional<Instant[]> span = narratives.span(situation);
        if (span.isEmpty()) {
            return List.of();
        }
        return narratives.hourly(situation, null, ZoneOffset.UTC, span.get()[0],
                span.get()[1].plus(Duration.ofHours(1)));
    }
}
