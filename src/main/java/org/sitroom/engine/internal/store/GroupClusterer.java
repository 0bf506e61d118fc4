package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.internal.cluster.Hdbscan;
import org.sitroom.engine.internal.cluster.KnnGraph;
import org.sitroom.engine.internal.index.KnnGraphs;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.index.PostRecord;

/**
 * The clustering step shared by reclustering and evaluation: one weighted point per duplicate group, a k-NN graph
 * over the points (exact when small, HNSW when large), HDBSCAN* with weights, labels mapped back to posts.
 */
public final class GroupClusterer {

    /** Labels per post (-1 = noise) and what produced them. */
    public record Result(int[] labels, int points, Map<String, String> parameters) {
    }

    private final ClusteringSettings settings;

    public GroupClusterer(ClusteringSettings settings) {
        this.settings = settings;
    }

    /**
     * @param vectors one unit vector per post
     * @param groups  duplicate group per post (equal values = one weighted point; the first post's vector stands
     *                for the group)
     */
    public Result cluster(float[][] vectors, long[] groups) {
        int n = vectors.length;
        Map<Long, Integer> pointOfGroup = new LinkedHashMap<>();
        int[] pointOfPost = new int[n];
        List<float[]> pointVectors = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer point = pointOfGroup.get(groups[i]);
            if (point == null) {
                point = pointVectors.size();
                pointOfGroup.put(groups[i], point);
                pointVectors.add(vectors[i]);
                weights.add(0);
            }
            weights.set(point, weights.get(point) + 1);
            pointOfPost[i] = point;
        }
        int points = pointVectors.size();
        float[][] pv = pointVectors.toArray(float[][]::new);
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        int k = Math.min(settings.neighbours(), Math.max(1, points - 1));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", "HDBSCAN* on a k-NN graph of duplicate groups");
        params.put("k", String.valueOf(k));
        params.put("points", String.valueOf(points));
        int[] pointLabels;
        if (points < 3) {
            pointLabels = new int[points];
            Arrays.fill(pointLabels, -1);
        } else {
            boolean exact = points <= settings.exactGraphLimit();
            params.put("graph", exact ? "exact" : "hnsw");
            KnnGraph graph = exact ? KnnGraph.bruteForce(pv, k) : hnswGraph(pv, k);
            Hdbscan.Options options = Hdbscan.Options.defaults().withSelection(
                    "eom".equalsIgnoreCase(settings.selection()) ? Hdbscan.Selection.EXCESS_OF_MASS : Hdbscan.Selection.LEAF);
            params.put("selection", options.selection().name().toLowerCase(java.util.Locale.ROOT));
            if (settings.minClusterSize() > 0) {
                options = options.withMinClusterSize(settings.minClusterSize());
            }
            Hdbscan.Result result = new Hdbscan(options).cluster(graph, w);
            pointLabels = result.labels();
            params.put("minClusterSize", String.valueOf(result.minClusterSize()));
            params.put("minPts", String.valueOf(result.minPts()));
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = pointLabels[pointOfPost[i]];
        }
        return new Result(labels, points, params);
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
