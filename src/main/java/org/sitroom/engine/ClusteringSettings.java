package org.sitroom.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How posts become narratives.
 *
 * @param neighbours k of the k-NN graph HDBSCAN* runs on
 * @param minClusterSize smallest narrative, in posts; 0 = grows with the data (max(5, 0.25 sqrt(n)))
 * @param exactGraphLimit up to this many duplicate groups the k-NN graph is computed exactly, above it with HNSW
 * @param reclusterEveryPosts a full recluster runs when this many posts arrived since the last one ...
 * @param reclusterGrowth ... or when the situation grew by this share since the last one, whichever is smaller
 * @param reclusterInterval ... and at least this often while posts keep arriving
 * @param assignNeighbours how many neighbours vote when a new post is assigned between reclusters
 * @param assignMinSupport votes a narrative needs among them, else the post stays unassigned
 * @param assignMinSimilarity neighbours less similar than this do not vote
 * @param nearDuplicateSimilarity cosine from which two posts count as near-duplicates (same duplicate group)
 * @param themes super-categories narratives are grouped into; 0 = about sqrt(narratives / 2)
 * @param selection how clusters are picked from the HDBSCAN* hierarchy: {@code eom} (excess of mass, the default:
 *                  the most persistent clusters) or {@code leaf} (the finest ones: sibling narratives stay apart, but
 *                  real posts are shattered). On real tweets EOM matched the truth about twice as well (MediaEval
 *                  claims ARI 0.24 vs 0.13, CrisisLexT26 events 0.18 vs 0.10 before the noise vote and the Leiden
 *                  step); leaf did better only on PAPYER (docs/benchmarks.md, "Narrative quality")
 * @param campaignAccounts a duplicate group posted by at least this many distinct accounts is flagged a campaign
 * @param resolution modularity resolution of the Leiden communities that decide HDBSCAN*'s clustered posts into
 *                   narratives (they may merge and split its clusters); 0 = off (HDBSCAN*'s own clusters)
 * @param fineResolution a finer resolution whose communities may split those of {@code resolution} further; 0 = off
 * @param splitSeparation a split (by either resolution) is kept only when its pieces' centroids are less alike than
 *                        this share of what random pieces of the same sizes would be; a coherent narrative cut by
 *                        modularity scores 0.94-0.98, distinct narratives 0.5-0.8 (docs/benchmarks.md)
 * @param narrativeMinSimilarity a clustered post less similar than this to its narrative's centroid is left unassigned
 */
@ConfigurationProperties("sitroom.engine.clustering")
public record ClusteringSettings(@DefaultValue("15") int neighbours,
                                 @DefaultValue("0") int minClusterSize,
                                 @DefaultValue("4000") int exactGraphLimit,
                                 @DefaultValue("500") int reclusterEveryPosts,
                                 @DefaultValue("0.25") double reclusterGrowth,
                                 @DefaultValue("10m") Duration reclusterInterval,
                                 @DefaultValue("15") int assignNeighbours,
                                 @DefaultValue("3") int assignMinSupport,
                                 @DefaultValue("0.45") double assignMinSimilarity,
                                 @DefaultValue("0.98") double nearDuplicateSimilarity,
                                 @DefaultValue("0") int themes,
                                 @DefaultValue("20") int campaignAccounts,
                                 @DefaultValue("eom") String selection,
                                 @DefaultValue("1.0") double resolution,
                                 @DefaultValue("2.0") double fineResolution,
                                 @DefaultValue("0.9") double splitSeparation,
                                 @DefaultValue("0.3") double narrativeMinSimilarity) {

    public ClusteringSettings withSelection(String value) {
        return new ClusteringSettings(neighbours, minClusterSize, exactGraphLimit, reclusterEveryPosts, reclusterGrowth,
                reclusterInterval, assignNeighbours, assignMinSupport, assignMinSimilarity, nearDuplicateSimilarity, themes,
                campaignAccounts, value, resolution, fineResolution, splitSeparation, narrativeMinSimilarity);
    }

    public ClusteringSettings withResolution(double value) {
        return new ClusteringSettings(neighbours, minClusterSize, exactGraphLimit, reclusterEveryPosts, reclusterGrowth,
                reclusterInterval, assignNeighbours, assignMinSupport, assignMinSimilarity, nearDuplicateSimilarity, themes,
                campaignAccounts, selection, value, fineResolution, splitSeparation, narrativeMinSimilarity);
    }

    public static ClusteringSettings defaults() {
        return new ClusteringSettings(15, 0, 4000, 500, 0.25, Duration.ofMinutes(10), 15, 3, 0.45, 0.98, 0, 20, "eom", 1.0, 2.0, 0.9, 0.3);
    }
}
