package org.sitroom.engine.internal.cluster;

import java.util.Arrays;
import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

/**
 * The second opinion on HDBSCAN*'s clusters: Leiden modularity communities (CWTS networkanalysis) of the k-NN graph
 * restricted to the points HDBSCAN* (and the noise vote) placed in some cluster, and a last check that leaves a point
 * unassigned when it is not similar to its community's centroid.
 *
 * <p>Why both: density alone (HDBSCAN*) is good at telling posts that belong to some narrative from stray ones, but
 * its excess-of-mass selection splits and merges narratives by how persistent a density peak is, which on real posts
 * cut claim groups apart and fused different events (MediaEval claims ARI 0.30, CrisisLexT26 events 0.42), and
 * absorbs random points into a narrative that merges with the rest only near the root (planted data: ARI 0.994).
 * Modularity over the same graph decides instead by how many of a post's nearest neighbours lie in its narrative, and
 * the centroid check expels what is similar to nothing in it (docs/benchmarks.md, "Narrative quality").
 *
 * <p>The resolution is modularity's: at 1 a narrative is only split when that cuts few of its k-NN edges, whatever
 * its share of the situation (a planted narrative holding 70% of the posts stayed whole); higher values split any
 * narrative above a share of roughly 1/resolution into pieces, which PAPYER's 31 small narratives would like but a
 * situation with one dominant narrative would not. Deterministic: fixed node order and a seeded generator.
 */
public final class Communities {

    /** Seed of Leiden's randomised refinement step; fixed, so the same input gives the same narratives. */
    static final long SEED = 42;

    private Communities() {
    }

    /**
     * HDBSCAN*'s clusters decided again by Leiden, gated by how distinct the pieces of a split are.
     *
     * <ol>
     *   <li>Communities at {@code resolution} over the clustered points: they may merge HDBSCAN* clusters and split
     *       them.</li>
     *   <li>A split of an HDBSCAN* cluster is kept only when its pieces point in distinct directions
     *       ({@link #separation} below {@code maxSeparation}); otherwise the whole cluster joins the community that
     *       holds most of it. Modularity cuts any narrative that holds most of a situation into pieces (a planted one
     *       with 90% of the posts came out in 7), and those pieces are as alike as random halves of it.</li>
     *   <li>With {@code fineResolution > 0}, communities at that finer resolution split a community from step 2, by
     *       the same gate. This is what finds narratives that are small against the situation and close to each other
     *       (PAPYER's 31 in 600 posts about one subject), without shattering a large coherent one.</li>
     * </ol>
     *
     * @return narrative per point, -1 where the input was noise, numbered from 0 by first point
     */
    public static int[] refine(KnnGraph graph, float[][] vectors, int[] weights, int[] labels, double resolution,
                               double fineResolution, double maxSeparation) {
        Clustered network = network(graph, labels);
        // The two resolutions run side by side: each reads the network only.
        java.util.concurrent.CompletableFuture<int[]> fineRun = fineResolution > 0
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> network.communities(fineResolution))
                : null;
        int[] coarse = network.communities(resolution);
        joinUnseparated(vectors, weights, labels, coarse, maxSeparation);
        if (fineRun == null) {
            return renumber(coarse);
        }
        return splitWhereSeparated(vectors, weights, renumber(coarse), fineRun.join(), maxSeparation);
    }

    /** The points of each group of {@code labels} (-1 = in none), in point order. */
    private static int[][] membersOf(int[] labels) {
        int groups = Arrays.stream(labels).max().orElse(-1) + 1;
        int[] size = new int[groups];
        for (int l : labels) {
            if (l >= 0) {
                size[l]++;
            }
        }
        int[][] members = new int[groups][];
        for (int c = 0; c < groups; c++) {
            members[c] = new int[size[c]];
            size[c] = 0;
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                members[labels[i]][size[labels[i]]++] = i;
            }
        }
        return members;
    }

    /**
     * Each HDBSCAN* cluster that {@code communities} cut into pieces no more distinct than random ones is made whole
     * again, in the community that holds most of its weight (ties: the smaller label). Writes into
     * {@code communities}; the communities may span several clusters, and those merges stay.
     */
    private static void joinUnseparated(float[][] vectors, int[] weights, int[] clusters, int[] communities,
                                        double maxSeparation) {
        for (int[] mem : membersOf(clusters)) {
            if (mem.length > 1 && separation(vectors, weights, mem, communities) < maxSeparation) {
                continue;
            }
            java.util.Map<Integer, Long> weightOf = new java.util.TreeMap<>();
            for (int i : mem) {
                weightOf.merge(communities[i], (long) weights[i], Long::sum);
            }
            int best = -1;
            long bestWeight = -1;
            for (var e : weightOf.entrySet()) {
                if (e.getValue() > bestWeight) {
                    best = e.getKey();
                    bestWeight = e.getValue();
                }
            }
            for (int i : mem) {
                communities[i] = best;
            }
        }
    }

    /**
     * Each group of {@code outer} is split by {@code inner} where the pieces are separated, and kept whole
     * otherwise: the result labels a point by its (outer, inner) pair, or by outer alone, numbered by first point.
     */
    private static int[] splitWhereSeparated(float[][] vectors, int[] weights, int[] outer, int[] inner,
                                             double maxSeparation) {
        long[] pair = new long[outer.length];
        Arrays.fill(pair, -1);
        int[][] members = membersOf(outer);
        for (int c = 0; c < members.length; c++) {
            int[] mem = members[c];
            boolean split = mem.length > 1 && separation(vectors, weights, mem, inner) < maxSeparation;
            for (int i : mem) {
                pair[i] = ((long) c << 32) | (split ? inner[i] : 0xFFFFFFFFL);
            }
        }
        int[] out = new int[outer.length];
        java.util.Map<Long, Integer> id = new java.util.HashMap<>();
        for (int i = 0; i < outer.length; i++) {
            out[i] = pair[i] < 0 ? -1 : id.computeIfAbsent(pair[i], x -> id.size());
        }
        return out;
    }

    /**
     * How alike the pieces of a group are, against what random pieces of the same sizes would give: the weighted mean
     * over pairs of pieces of cos(centroid a, centroid b) / E[a, b], where E is the cosine expected between the
     * centroids of random subsets of the group with those weights, c^2 / (f_a f_b) with f = sqrt(c^2 + (1 - c^2) / w)
     * and c the group's cohesion (the norm of its mean unit vector). A coherent narrative cut by modularity gives
     * pieces about as alike as random subsets (0.94-0.98 of E on planted data); distinct narratives fall well below
     * (PAPYER's 0.5-0.8). 1 when the group is in one piece. Computed in O(pieces x dim) via
     * sum_{a != b} x_a . x_b = |sum x|^2 - sum |x|^2.
     */
    static double separation(float[][] vectors, int[] weights, int[] members, int[] piece) {
        java.util.Map<Integer, double[]> sums = new java.util.TreeMap<>();
        java.util.Map<Integer, long[]> weightOf = new java.util.TreeMap<>();
        int dim = vectors[members[0]].length;
        double[] total = new double[dim];
        long totalWeight = 0;
        for (int i : members) {
            double[] s = sums.computeIfAbsent(piece[i], x -> new double[dim]);
            float[] v = vectors[i];
            for (int d = 0; d < dim; d++) {
                s[d] += (double) weights[i] * v[d];
                total[d] += (double) weights[i] * v[d];
            }
            weightOf.computeIfAbsent(piece[i], x -> new long[1])[0] += weights[i];
            totalWeight += weights[i];
        }
        if (sums.size() < 2) {
            return 1.0;
        }
        double cohesion = norm(total) / totalWeight;
        double c2 = cohesion * cohesion;
        if (c2 <= 0) {
            return 0.0;
        }
        double[] combined = new double[dim];
        double selfTerms = 0;
        double weightSum = 0;
        double weightSquares = 0;
        for (var e : sums.entrySet()) {
            double[] s = e.getValue();
            double w = weightOf.get(e.getKey())[0];
            double f = Math.sqrt(c2 + (1 - c2) / w);
            double n = norm(s);
            double scale = n > 0 ? w * f / n : 0;
            for (int d = 0; d < dim; d++) {
                combined[d] += scale * s[d];
            }
            selfTerms += (w * f) * (w * f);
            weightSum += w;
            weightSquares += w * w;
        }
        double cross = norm(combined);
        return (cross * cross - selfTerms) / c2 / (weightSum * weightSum - weightSquares);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * Leaves unassigned the points of communities weighing less than {@code minWeight} posts: a narrative is at least
     * HDBSCAN*'s smallest cluster. Modularity keeps a clustered point whose neighbours were all noise as a community
     * of its own, and the centroid check can leave a few posts of one behind.
     */
    public static int[] dropSmall(int[] labels, int[] weights, int minWeight) {
        int clusters = Arrays.stream(labels).max().orElse(-1) + 1;
        long[] weight = new long[clusters];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                weight[labels[i]] += weights[i];
            }
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] >= 0 && weight[labels[i]] >= minWeight ? labels[i] : -1;
        }
        return renumber(out);
    }

    /** Labels numbered again from 0 in order of first point; -1 stays. */
    static int[] renumber(int[] labels) {
        int[] out = new int[labels.length];
        java.util.Map<Integer, Integer> id = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] < 0 ? -1 : id.computeIfAbsent(labels[i], x -> id.size());
        }
        return out;
    }

    /**
     * @param graph         k-NN graph of the points (distance = 1 - cosine)
     * @param labels        HDBSCAN*'s labels per point (-1 = noise); only labelled points take part
     * @param resolution    modularity resolution (> 0)
     * @return community per point, -1 where the input was noise, communities numbered from 0 by first point
     */
    public static int[] leiden(KnnGraph graph, int[] labels, double resolution) {
        return network(graph, labels).communities(resolution);
    }

    /** The clustered points as a CWTS network, built once for both resolutions (at 1M points it is ~0.5 GB). */
    private record Clustered(Network network, int[] node, int nodes) {

        /** Community per point (-1 = not clustered), numbered by first point, at a modularity resolution. */
        int[] communities(double resolution) {
            if (!(resolution > 0)) {
                throw new IllegalArgumentException("resolution must be > 0, got " + resolution);
            }
            int[] out = new int[node.length];
            Arrays.fill(out, -1);
            if (nodes == 0) {
                return out;
            }
            // Modularity as CWTS's own runner sets it up: node weights = total edge weight, resolution / (2 m).
            double total = 2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks();
            Clustering clustering = new Clustering(nodes);
            if (total > 0) {
                LeidenAlgorithm leiden = new LeidenAlgorithm(resolution / total, 0,
                        LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(SEED));
                leiden.improveClustering(network, clustering);
            } else {
                clustering.initSingletonClusters();
            }
            for (int i = 0; i < node.length; i++) {
                if (node[i] >= 0) {
                    out[i] = clustering.getCluster(node[i]);
                }
            }
            // Numbered by first point, so labels do not depend on Leiden's internal numbering.
            return renumber(out);
        }
    }

    private static Clustered network(KnnGraph graph, int[] labels) {
        int n = graph.size();
        int[] node = new int[n];
        int nodes = 0;
        for (int i = 0; i < n; i++) {
            node[i] = labels[i] >= 0 ? nodes++ : -1;
        }
        // Adjacency in both directions, each pair once per node and sorted by neighbour, as CWTS's network wants it
        // (building it here instead of from an edge list skips the library's general edge sort, which at 1M points
        // took longer than both Leiden passes). An entry packs neighbour and similarity, so a slice sorts as longs.
        int[] degree = new int[nodes + 1];
        for (int i = 0; i < n; i++) {
            if (node[i] >= 0) {
                for (int j : graph.neighbours()[i]) {
                    if (node[j] >= 0) {
                        degree[node[i]]++;
                        degree[node[j]]++;
                    }
                }
            }
        }
        long[] start = new long[nodes + 1];
        for (int v = 0; v < nodes; v++) {
            start[v + 1] = start[v] + degree[v];
        }
        if (start[nodes] > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("k-NN graph too large for one array: " + start[nodes] + " entries");
        }
        long[] entries = new long[(int) start[nodes]];
        int[] fill = new int[nodes];
        for (int i = 0; i < n; i++) {
            if (node[i] >= 0) {
                int[] nb = graph.neighbours()[i];
                float[] d = graph.distances()[i];
                for (int s = 0; s < nb.length; s++) {
                    int j = nb[s];
                    if (node[j] >= 0) {
                        long bits = Float.floatToIntBits((float) Math.max(0.0, 1.0 - d[s])) & 0xFFFFFFFFL;
                        entries[(int) start[node[i]] + fill[node[i]]++] = ((long) node[j] << 32) | bits;
                        entries[(int) start[node[j]] + fill[node[j]]++] = ((long) node[i] << 32) | bits;
                    }
                }
            }
        }
        java.util.stream.IntStream.range(0, nodes).parallel()
                .forEach(v -> Arrays.sort(entries, (int) start[v], (int) start[v + 1]));
        long[] first = new long[nodes + 1];
        int unique = 0;
        for (int v = 0; v < nodes; v++) {
            first[v] = unique;
            long previous = -1;
            for (int e = (int) start[v]; e < start[v + 1]; e++) {
                long neighbour = entries[e] >>> 32;
                if (neighbour != previous) {
                    entries[unique++] = entries[e];
                    previous = neighbour;
                }
            }
        }
        first[nodes] = unique;
        LargeIntArray neighbours = new LargeIntArray(unique);
        LargeDoubleArray weights = new LargeDoubleArray(unique);
        double[] strength = new double[nodes];
        for (int v = 0; v < nodes; v++) {
            for (long e = first[v]; e < first[v + 1]; e++) {
                long entry = entries[(int) e];
                double w = Float.intBitsToFloat((int) entry);
                neighbours.set(e, (int) (entry >>> 32));
                weights.set(e, w);
                strength[v] += w;
            }
        }
        // Node weights = total edge weight: modularity's null model (CWTS's runner does the same).
        return new Clustered(new Network(strength, first, neighbours, weights, false), node, nodes);
    }

    /**
     * Leaves a point unassigned when its cosine to its community's centroid (the weighted mean of the community's
     * vectors, normalised) is below {@code minSimilarity}. A point can reach a community through a chain of
     * neighbours while being unlike the community as a whole (random points on planted data); a post like that is
     * not part of the narrative. Communities are numbered again from 0 by first point, so none is left empty.
     */
    public static int[] expelDissimilar(float[][] vectors, int[] weights, int[] labels, double minSimilarity) {
        int clusters = Arrays.stream(labels).max().orElse(-1) + 1;
        if (clusters == 0) {
            return labels.clone();
        }
        int dim = vectors[0].length;
        double[][] centroid = new double[clusters][dim];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                double[] c = centroid[labels[i]];
                float[] v = vectors[i];
                for (int d = 0; d < dim; d++) {
                    c[d] += (double) weights[i] * v[d];
                }
            }
        }
        for (double[] c : centroid) {
            double norm = 0;
            for (double x : c) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int d = 0; d < dim; d++) {
                    c[d] /= norm;
                }
            }
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = -1;
            if (labels[i] >= 0) {
                double[] c = centroid[labels[i]];
                float[] v = vectors[i];
                double dot = 0;
                for (int d = 0; d < dim; d++) {
                    dot += c[d] * v[d];
                }
                if (dot >= minSimilarity) {
                    out[i] = labels[i];
                }
            }
        }
        return renumber(out);
    }
}
