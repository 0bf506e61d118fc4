package org.sitroom.narratives;

import java.time.Instant;

/**
 * Published when a situation's narrative model was switched to a new version: after a recluster
 * ({@code reclustered}) or when new posts changed counts.
 */
public record NarrativesChanged(String situation, Instant asOf, boolean reclustered) {
}
