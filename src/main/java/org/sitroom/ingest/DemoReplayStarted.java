package org.sitroom.ingest;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Published when a replayed demo situation runs in this process (on its first run and again after every restart,
 * always with the same {@code shiftedStart}, which is stored with the replay's cursor): the timeline module imports
 * the demo's milestones from it. Listeners must be idempotent (import by milestone id).
 *
 * <p>Ingest cannot call the timeline itself: the timeline depends on the narratives, which depend on ingest.
 *
 * @param situationId   the demo situation
 * @param shiftedStart  the moment the replay started
 * @param recordedStart the recorded moment the replay started at (the dataset's first post plus the head start)
 * @param speed         how many times faster than recorded the replay runs after its start (1: real time)
 * @param milestones    the demo's {@code milestones.json}, recorded times (a readable file in the data folder or
 *                      the project's fixtures)
 */
public record DemoReplayStarted(String situationId, Instant shiftedStart, Instant recordedStart, double speed,
                                Path milestones) {

    /** When something recorded at {@code recorded} happens in this replay (posts and milestones alike). */
    public Instant shift(Instant recorded) {
        return org.sitroom.ingest.connect.ReplayConnector.shift(shiftedStart, recordedStart, speed, recorded);
    }
}
