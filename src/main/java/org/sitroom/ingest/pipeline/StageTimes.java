package org.sitroom.ingest.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent per pipeline stage since start, summed over all sources and threads (for the ingest benchmark and
 * the log). Engine stages come from its {@code IngestReport}: embedding alone, and the rest of the store call
 * (duplicate grouping, indexing, k-NN assignment and the index commit) together.
 */
public final class StageTimes {

    /** The stages in pipeline order. */
    public enum Stage { PARSE, NORMALISE, LANGUAGE, EMBED, STORE_OTHER, COMMIT }

    private final Map<Stage, LongAdder> nanos = new LinkedHashMap<>();

    public StageTimes() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
        }
    }

    void add(Stage stage, long nanoseconds) {
        nanos.get(stage).add(Math.max(0, nanoseconds));
    }

    /** Seconds per stage. */
    public Map<Stage, Double> seconds() {
        Map<Stage, Double> out = new LinkedHashMap<>();
        nanos.forEach((s, n) -> out.put(s, n.sum() / 1e9));
        return out;
    }

    public void reset() {
        nanos.values().forEach(LongAdder::reset);
    }
}
