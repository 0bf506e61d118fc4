package org.sitroom.engine;

import java.util.List;

/**
 * One narrative as the clustering sees it.
 *
 * @param posts posts assigned to it
 * @param duplicateGroups distinct duplicate groups among them (what clustering actually weighed)
 * @param centroid mean of its members' vectors, L2-normalised (for themes and for assigning new posts)
 * @param representativeIds posts closest to the centroid, at most one per duplicate group
 * @param theme the super-category it falls in (agglomerative clustering of centroids), 0-based
 */
public record ClusterSummary(String narrativeId, int posts, int duplicateGroups, float[] centroid,
                             List<String> representativeIds, int theme) {
}
