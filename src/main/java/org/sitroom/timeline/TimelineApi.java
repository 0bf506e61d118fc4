package org.sitroom.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sitroom.base.ApiErrors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** REST API of a situation's timeline: milestones and detected bursts (of the situation and of each narrative). */
@RestController
@Tag(name = "Timeline", description = "Milestones and bursts")
class TimelineApi {

    record MilestoneJson(long id, Instant time, String title, String note, String link, String author) {
    }

    /** {@code narrative} is null for bursts of the whole situation. */
    record BurstJson(Instant start, Instant end, int peak, double baseline, int posts, String narrative) {
    }

    record TimelineJson(String situation, List<MilestoneJson> milestones, List<BurstJson> bursts) {
    }

    private final TimelineService timeline;

    TimelineApi(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/api/situations/{id}/timeline")
    @Operation(summary = "Milestones (oldest first) and bursts: hours far above the usual volume")
    TimelineJson timeline(@PathVariable String id) {
        if (timeline.situation(id).isEmpty()) {
            throw new ApiErrors.NotFound("no situation '" + id + "'");
        }
        timeline.requireReady(id); // bursts per narrative need the narratives
        List<BurstJson> bursts = new ArrayList<>();
        timeline.bursts(id).forEach(b -> bursts.add(json(b)));
        timeline.narrativeBursts(id).forEach(b -> bursts.add(json(b)));
        return new TimelineJson(id, timeline.milestones(id).stream()
                .map(m -> new MilestoneJson(m.id(), m.time(), m.title(), m.note(), m.link(), m.author())).toList(),
                bursts);
    }

    private static BurstJson json(Burst b) {
        return new BurstJson(b.start(), b.end(), b.peak(), b.baseline(), b.posts(), b.narrativeId());
    }
}
