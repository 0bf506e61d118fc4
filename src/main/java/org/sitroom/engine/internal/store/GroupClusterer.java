package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.internal.cluster.Communities;
import org.sitroom.engine.internal.cluster.Hdbscan;
import org.sitroom.engine.internal.cluster.KnnGraph;
import org.sitroom.engine.internal.index.KnnGraphs;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.index.PostRecord;

/**
 * The clustering step shared by reclustering and evaluation: one weighted point per duplicate group, a k-NN graph
 * over the points (exact when small, HNSW when large), HDBSCAN* with weights and the noise vote (which posts belong to
 * some narrative), Leiden communities over the clustered points (which narrative), the centroid check, labels mapped
 * back to posts.
 */
public final class GroupClusterer {

    /** Labels per post (-1 = noise) and what produced them. */
    public record Result(int[] labels, int points, Map<String, String> parameters) {
    }

    /**
     * Upper bound of minPts (the density estimate's neighbourhood, self included). Hdbscan's own default (up to 8) found
     * no cluster at all in PAPYER (600 posts, narratives of 2-32) and lower ARI on MediaEval claims and CrisisLex
     * events than 2-3; 3 keeps a little smoothing against single stray neighbours (docs/benchmarks.md).
     */
    static final int MAX_MIN_PTS = 3;

    private final ClusteringSettings settings;

    public GroupClusterer(ClusteringSettings settings) {
        this.settings = settings;
    }

    /**
     * The points HDBSCAN* sees: one per duplicate group, the group's first post standing for it, weighted by size.
     *
     * @param vectors     one per point
     * @param weights     posts per point
     * @param pointOfPost the point of each post
     */
    public record Points(float[][] vectors, int[] weights, int[] pointOfPost) {

        public int size() {
            return vectors.length;
        }
    }

    /**
     * @param vectors one unit vector per post
     * @param groups  duplicate group per post (equal values = one weighted point; the first post's vector stands
     *                for the group)
     */
    public Result cluster(float[][] vectors, long[] groups) {
        Points points = points(vectors, groups);
        return cluster(points, points.size() < 3 ? null : graph(points));
    }

    /** Step 1: one weighted point per duplicate group. */
    public static Points points(float[][] vectors, long[] groups) {
        int n = vectors.length;
        Map<Long, Integer> pointOfGroup = new HashMap<>();
        int[] pointOfPost = new int[n];
        List<float[]> pointVectors = new ArrayList<>();
        int[] weights = new int[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            Integer point = pointOfGroup.get(groups[i]);
            if (point == null) {
                point = pointVectors.size();
                pointOfGroup.put(groups[i], point);
                pointVectors.add(vectors[i]);
            }
            weights[point]++;
            pointOfPost[i] = point;
        }
        return new Points(pointVectors.toArray(float[][]::new), Arrays.copyOf(weights, pointVectors.size()), pointOfPost);
    }

    /** Neighbours per point in the graph: the setting, at most all other points. */
    public int neighbours(Points points) {
        return Math.min(settings.neighbours(), Math.max(1, points.size() - 1));
    }

    /** Step 2: the k-NN graph of the points, exact up to {@code exactGraphLimit} points, HNSW above. */
    public KnnGraph graph(Points points) {
        int k = neighbours(points);
        return points.size() <= settings.exactGraphLimit() ? KnnGraph.bruteForce(points.vectors(), k)
                : hnswGraph(points.vectors(), k);
    }

    /** Step 3: HDBSCAN* on the graph (null when there are fewer than 3 points: all noise), labels per post. */
    public Result cluster(Points points, KnnGraph graph) {
        int n = points.pointOfPost().length;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", "HDBSCAN* on a k-NN graph of duplicate groups");
        params.put("k", String.valueOf(neighbours(points)));
        params.put("points", String.valueOf(points.size()));
        int[] pointLabels;
        if (graph == null) {
            pointLabels = new int[points.size()];
            Arrays.fill(pointLabels, -1);
        } else {
            params.put("graph", points.size() <= settings.exactGraphLimit() ? "exact" : "hnsw");
            Hdbscan.Options options = Hdbscan.Options.defaults().withSelection(
                    "eom".equalsIgnoreCase(settings.selection()) ? Hdbscan.Selection.EXCESS_OF_MASS : Hdbscan.Selection.LEAF);
            params.put("selection", options.selection().name().toLowerCase(java.util.Locale.ROOT));
            long weight = n;
            int minClusterSize = settings.minClusterSize() > 0 ? settings.minClusterSize()
                    : Hdbscan.defaultMinClusterSize(weight, options.sizeFactor());
            options = options.withMinClusterSize(minClusterSize)
                    .withMinPts(Math.min(MAX_MIN_PTS, Hdbscan.defaultMinPts(minClusterSize, graph.maxDegree())));
            Hdbscan.Result result = new Hdbscan(options).cluster(graph, points.weights());
            params.put("minClusterSize", String.valueOf(result.minClusterSize()));
            params.put("minPts", String.valueOf(result.minPts()));
            pointLabels = attachNoise(graph, result.labels(), points.weights());
            params.put("noiseVote", "neighbours >= " + settings.assignMinSimilarity() + " similar, support >= "
                    + settings.assignMinSupport() + " posts");
            if (settings.resolution() > 0) {
                pointLabels = Communities.refine(graph, points.vectors(), points.weights(), pointLabels,
                        settings.resolution(), settings.fineResolution(), settings.splitSeparation());
                params.put("communities", "Leiden modularity, resolution " + settings.resolution() + ", fine "
                        + settings.fineResolution() + ", splits kept below separation " + settings.splitSeparation());
            }
            pointLabels = Communities.expelDissimilar(points.vectors(), points.weights(), pointLabels,
                    settings.narrativeMinSimilarity());
            params.put("narrativeMinSimilarity", String.valueOf(settings.narrativeMinSimilarity()));
            pointLabels = Communities.dropSmall(pointLabels, points.weights(), result.minClusterSize());
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = pointLabels[points.pointOfPost()[i]];
        }
        return new Result(labels, points.size(), params);
    }

    /**
     * Points HDBSCAN* left as noise join the cluster their clustered graph neighbours vote for, by the rule a post
     * arriving between reclusters is assigned with ({@link NarrativeVote}; a point weighs its group's size). Votes
     * come from the clusters HDBSCAN* found only, in one pass, so the order of points cannot matter. Why: without it
     * a post's narrative would depend on whether it arrived before a recluster (noise) or after it (assigned by
     * vote), and density alone leaves most real posts unassigned (CrisisLexT26: 71% noise; with the vote 32%, and ARI
     * against the events 0.18 -> 0.50; see docs/benchmarks.md). Points with no similar clustered neighbour stay
     * noise. The voters are the point's own neighbours and the clustered points that list it as theirs.
     */
    int[] attachNoise(KnnGraph graph, int[] labels, int[] weights) {
        // Clustered points that list a noise point among their neighbours vote for it too. An approximate (HNSW)
        // search now and then ends in the wrong region and returns a row of strangers (planted data: one post whose
        // row held only 0.15-similar points, while five posts of its own narrative listed it at 0.50-0.54).
        int n = labels.length;
        int[] reverseCount = new int[n];
        for (int j = 0; j < n; j++) {
            if (labels[j] >= 0) {
                for (int i : graph.neighbours()[j]) {
                    if (labels[i] < 0) {
                        reverseCount[i]++;
                    }
                }
            }
        }
        int[][] reverse = new int[n][];
        float[][] reverseDistance = new float[n][];
        for (int i = 0; i < n; i++) {
            if (reverseCount[i] > 0) {
                reverse[i] = new int[reverseCount[i]];
                reverseDistance[i] = new float[reverseCount[i]];
                reverseCount[i] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            if (labels[j] >= 0) {
                int[] nb = graph.neighbours()[j];
                for (int s = 0; s < nb.length; s++) {
                    int i = nb[s];
                    if (labels[i] < 0) {
                        reverse[i][reverseCount[i]] = j;
                        reverseDistance[i][reverseCount[i]++] = graph.distances()[j][s];
                    }
                }
            }
        }
        int[] out = labels.clone();
        NarrativeVote vote = new NarrativeVote(settings.assignMinSimilarity(), settings.assignMinSupport());
        java.util.Set<Integer> voted = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                continue;
            }
            vote.clear();
            voted.clear();
            vote(graph.neighbours()[i], graph.distances()[i], labels, weights, vote, voted);
            if (reverse[i] != null) {
                vote(reverse[i], reverseDistance[i], labels, weights, vote, voted);
            }
            Long winner = vote.winner();
            out[i] = winner == null ? -1 : winner.intValue();
        }
        return out;
    }

    /** Adds the votes of clustered neighbours, each neighbour once. */
    private static void vote(int[] neighbours, float[] distances, int[] labels, int[] weights, NarrativeVote vote,
                             java.util.Set<Integer> voted) {
        for (int s = 0; s < neighbours.length; s++) {
            int j = neighbours[s];
            if (labels[j] >= 0 && !voted.contains(j) && vote.add(labels[j], 1.0 - distances[s], weights[j])) {
                voted.add(j);
            }
        }
    }

    /** Above the exact limit: a throw-away HNSW index of the group points answers the k-NN queries. */
    private static KnnGraph hnswGraph(float[][] vectors, int k) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("sitroom-graph");
            try (PostIndex temp = new PostIndex(folder)) {
                List<PostRecord> batch = new ArrayList<>();
                for (int i = 0; i < vectors.length; i++) {
                    batch.add(new PostRecord("g", String.format("%010d", i), "graph", "", "und", Instant.EPOCH, "",
                            vectors[i], null, null, null));
                    if (batch.size() == 10_000) {
                        temp.add(batch);
                        batch.clear();
                    }
                }
                temp.add(batch);
                temp.commit(Map.of());
                org.sitroom.engine.internal.index.KnnGraph g = KnnGraphs.build(temp, "graph", k);
                // The temporary index orders nodes its own way; the zero-padded ids give back the point order.
                int[] pointOf = new int[g.size()];
                for (int i = 0; i < g.size(); i++) {
                    pointOf[i] = Integer.parseInt(g.ids()[i].substring(2));
                }
                int[][] neighbours = new int[vectors.length][];
                float[][] distances = new float[vectors.length][];
                for (int i = 0; i < g.size(); i++) {
                    int[] row = g.neighbours()[i].clone();
                    for (int j = 0; j < row.length; j++) {
                        row[j] = pointOf[row[j]];
                    }
                    neighbours[pointOf[i]] = row;
                    distances[pointOf[i]] = g.distances()[i];
                }
                return new KnnGraph(neighbours, distances);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (folder != null) {
                org.springframework.util.FileSystemUtils.deleteRecursively(folder.toFile());
            }
        }
    }
}
