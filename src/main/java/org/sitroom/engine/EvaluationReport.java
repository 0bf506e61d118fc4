package org.sitroom.engine;

import java.util.Map;

/**
 * How well the engine's narratives match a labelled data set, and how well its embedding separates the labels.
 * Partition scores follow scikit-learn ({@code adjusted_rand_score}, {@code normalized_mutual_info_score},
 * {@code homogeneity_score}, {@code completeness_score}) over the scored posts, each noise post counted as a
 * cluster of its own (the strict reading: calling a narrative's post noise costs as much as misplacing it).
 *
 * @param dataset         name of the data set
 * @param posts           posts clustered (rejected ones excluded)
 * @param scoredPosts     posts with a label that is scored
 * @param labels          distinct scored labels
 * @param rejected        posts the model could not embed (empty, no known tokens); not clustered, not scored
 * @param duplicateGroups duplicate groups the posts formed (what HDBSCAN* weighed as points)
 * @param ari             adjusted Rand index, in [-0.5, 1]
 * @param nmi             normalised mutual information (arithmetic mean), in [0, 1]
 * @param homogeneity     each narrative holds one label, in [0, 1]
 * @param completeness    each label sits in one narrative, in [0, 1]
 * @param clusters        narratives found among all posts
 * @param noiseShare      share of all posts left in no narrative
 * @param knngr           PAPYER's k-NN generalisation rate in the model's space, in [0, 1]; null with fewer than 4
 *                        scored posts
 * @param knngrStd        its population standard deviation over the splits; null with {@code knngr}
 * @param knngrK          neighbours voted, {@code floor(log2 N)}; 0 when not computed
 * @param model           the model that embedded the posts
 * @param parameters      the clustering parameters used (k, minClusterSize, minPts, selection, graph, ...)
 * @param embedSeconds    time spent embedding
 * @param seconds         total time
 */
public record EvaluationReport(String dataset, int posts, int scoredPosts, int labels, int rejected,
                               int duplicateGroups, double ari, double nmi, double homogeneity, double completeness,
                               int clusters, double noiseShare, Double knngr, Double knngrStd, int knngrK,
                               ModelIdentity model, Map<String, String> parameters, double embedSeconds,
                               double seconds) {

    public EvaluationReport {
        parameters = Map.copyOf(parameters);
    }
}
