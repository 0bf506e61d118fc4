package org.sitroom.engine;

import java.util.List;

/**
 * A situation's narratives as computed by the last full recluster (plus posts assigned since).
 *
 * @param noisePosts posts left unassigned (outliers)
 */
public record Clustering(String situation, List<ClusterSummary> clusters, List<LineageEvent> lineage, long noisePosts,
                         Provenance provenance) {
}
