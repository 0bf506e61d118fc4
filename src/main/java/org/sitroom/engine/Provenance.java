package org.sitroom.engine;

import java.time.Instant;
import java.util.Map;

/**
 * What stands behind a result: the model, the parameters, the data window and when it was computed, so every
 * narrative set and snapshot can say how it came about.
 */
public record Provenance(String model, String modelSha256, Map<String, String> parameters, Instant dataFrom,
                         Instant dataTo, long posts, Instant computedAt) {
}
