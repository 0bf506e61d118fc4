package org.sitroom.engine.internal.cluster;

import java.util.Arrays;

/**
 * HDBSCAN* (Campello, Moulavi, Sander 2013; Campello et al. 2015) over a sparse k-nearest-neighbour graph instead of
 * all pairwise distances, so it runs in O(n k log n) time (the edge sort is a linear radix sort; union-find and
 * the tree are near-linear) and O(n k) memory: 1,000,000 points with k = 15 take about 4 s of CPU (6-11 s wall
 * on a two-core machine shared with other builds) and about 0.6 GB on top of the graph itself (ran in -Xmx2g).
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li><b>Core distance</b> of point p: the distance at which the <em>weight</em> of p plus its nearest neighbours
 *   first reaches {@code minPts}. The point itself counts (Campello's definition, as in sklearn's
 *   {@code min_samples}), so unweighted it is the distance to the {@code (minPts-1)}-th neighbour. A point of
 *   weight {@code w} stands for {@code w} identical posts, so its own weight counts toward {@code minPts}: a group
 *   of 10,000 retweets has core distance 0, exactly as 10,000 copies would. If the row is too short to reach
 *   {@code minPts}, the last neighbour's distance is used (a lower bound); a point with an empty row has an
 *   infinite core distance and joins only through the component bridges below.</li>
 *   <li><b>Mutual reachability</b> {@code max(core(p), core(q), d(p, q))} on the graph's edges only.</li>
 *   <li><b>Minimum spanning forest</b> by Kruskal: edges sorted by weight with a primitive radix sort (keys and
 *   endpoints packed in {@code long}s), union-find. Equal weights, frequent because core distances dominate many edges,
 *   are ordered by the raw distance next, so a point that ties between two groups joins the one it is actually
 *   nearer to, and the result does not depend on input order (only edges equal in both keep their input order).</li>
 *   <li><b>Components joined at a finite distance</b>: if the k-NN graph is disconnected, its components are
 *   chained, in order of their smallest point index, by edges of weight {@code bridgeFactor} (default 2) times the
 *   largest mutual reachability in the graph. The hierarchy is then one tree whose top split separates the
 *   components before any real structure, at a density {@code 1/bridge} below every density seen in the data,
 *   which approximates the infinite distance they really have without infinities in the arithmetic.</li>
 *   <li><b>Condensed tree</b> with {@code minClusterSize} counted in <em>weight</em>: a split is a real split only
 *   if both sides weigh at least {@code minClusterSize}; otherwise the light side's points "fall out" of the
 *   cluster at that density. A side that is a single point (or several points closer than {@code atomDistance},
 *   i.e. indistinguishable) is never a cluster of its own, whatever its weight: heavy points give their cluster
 *   mass and stability but do not split off as one-post "narratives", and exact duplicate vectors cannot create
 *   clusters of infinite density. A heavy point alone far from everything is therefore noise; the caller can
 *   promote such points itself.</li>
 *   <li><b>Selection</b> by Excess of Mass (default; the root is excluded unless {@code allowSingleCluster}) or all
 *   leaves. Points outside selected clusters get label -1.</li>
 * </ol>
 *
 * <h2>Outputs</h2>
 * Labels are numbered canonically, 0, 1, 2, ... by each cluster's smallest point index, so equal partitions give
 * equal label arrays. Membership strength is {@code min(λ_p, λ_max(C)) / λ_max(C)} as in the hdbscan library;
 * the outlier score is GLOSH, {@code 1 - λ_p / λ_max} of the cluster the point left (0 = core, 1 = far outlier).
 *
 * <h2>Defaults and why</h2>
 * {@code minClusterSize = max(5, round(0.25 * sqrt(W)))} with W the total weight: 600 posts -> 6, 5,000 -> 18,
 * 100,000 -> 79, 1,000,000 -> 250. A fixed size either shreds large events into thousands of tiny clusters or
 * hides the small narratives of small ones; sqrt growth keeps the number of possible clusters (at most W / size,
 * about 4 sqrt(W)) readable while a narrative of 0.03% of a million posts still counts. {@code minPts} defaults to
 * {@code min(minClusterSize, 8, k + 1)}: on planted 384-d narratives (5,000 posts, 30 narratives, 10% noise) 8
 * labelled about 97% of the planted outliers noise against 93% for minPts 2, with the same ARI (0.99+); 12 and 16
 * scored the same as 8 there, but a larger minPts needs a larger k, and beyond {@code k + 1} a row of k neighbours
 * cannot measure the core distance exactly. See
 * {@link #defaultMinClusterSize} and {@link #defaultMinPts}. Excess of Mass is the default selection: on the same
 * data it found the 30 narratives exactly (ARI 0.997 all points), and it does not depend on minClusterSize there.
 * When sibling narratives sit very close (centre cosine 0.65, posts within a narrative 0.45-0.6) it merges some
 * pairs (ARI 0.92, 28 of 30); {@link Selection#LEAF} then keeps them apart (0.99) but is far more sensitive to
 * minClusterSize and sends more posts to noise, so it stays an option.
 *
 * <p>Callers should collapse near-duplicate posts into one weighted point first ({@link NearDuplicates}): HDBSCAN
 * rates very tight groups as very stable, so dozens of near-identical posts would otherwise be picked as a cluster
 * of their own inside their narrative. Instances are immutable and thread-safe; {@link #cluster} is deterministic.
 */
public final class Hdbscan {

    /** How clusters are chosen from the condensed tree. */
    public enum Selection {
        /** Excess of Mass: the most persistent clusters (the usual HDBSCAN* choice). */
        EXCESS_OF_MASS,
        /** The leaves of the condensed tree: more, smaller, more homogeneous clusters. */
        LEAF
    }

    /** Factor c in the default {@code minClusterSize = max(5, round(c * sqrt(total weight)))}. */
    public static final double DEFAULT_SIZE_FACTOR = 0.25;

    /** Upper bound of the default {@code minPts}. */
    public static final int DEFAULT_MAX_MIN_PTS = 8;

    /**
     * Settings. A size of 0 means "derive from the data" (see the class comment).
     *
     * @param minClusterSize     smallest cluster weight; 0 = {@link #defaultMinClusterSize}
     * @param minPts             neighbourhood weight for the core distance, self included; 0 = {@link #defaultMinPts}
     * @param sizeFactor         c in the default minClusterSize
     * @param selection          Excess of Mass or leaves
     * @param allowSingleCluster whether the whole data set may come out as one cluster (EOM root selectable)
     * @param bridgeFactor       components of the graph are joined at this multiple (> 1) of the largest distance
     * @param atomDistance       merges at or below this distance are between indistinguishable points
     */
    public record Options(int minClusterSize, int minPts, double sizeFactor, Selection selection,
                          boolean allowSingleCluster, double bridgeFactor, float atomDistance) {

        public Options {
            if (minClusterSize < 0 || minPts < 0) {
                throw new IllegalArgumentException("sizes must be >= 0 (0 = default)");
            }
            if (!(sizeFactor > 0) || !(bridgeFactor > 1) || !(atomDistance >= 0) || selection == null) {
                throw new IllegalArgumentException("need sizeFactor > 0, bridgeFactor > 1, atomDistance >= 0");
            }
        }

        /** Derived sizes, Excess of Mass, no single cluster, bridges at 2x, atoms below 1e-6. */
        public static Options defaults() {
            return new Options(0, 0, DEFAULT_SIZE_FACTOR, Selection.EXCESS_OF_MASS, false, 2.0, 1e-6f);
        }

        public Options withMinClusterSize(int v) {
            return new Options(v, minPts, sizeFactor, selection, allowSingleCluster, bridgeFactor, atomDistance);
        }

        public Options withMinPts(int v) {
            return new Options(minClusterSize, v, sizeFactor, selection, allowSingleCluster, bridgeFactor, atomDistance);
        }

        public Options withSizeFactor(double v) {
            return new Options(minClusterSize, minPts, v, selection, allowSingleCluster, bridgeFactor, atomDistance);
        }

        public Options withSelection(Selection v) {
            return new Options(minClusterSize, minPts, sizeFactor, v, allowSingleCluster, bridgeFactor, atomDistance);
        }

        public Options withAllowSingleCluster(boolean v) {
            return new Options(minClusterSize, minPts, sizeFactor, selection, v, bridgeFactor, atomDistance);
        }

        public Options withBridgeFactor(double v) {
            return new Options(minClusterSize, minPts, sizeFactor, selection, allowSingleCluster, v, atomDistance);
        }

        public Options withAtomDistance(float v) {
            return new Options(minClusterSize, minPts, sizeFactor, selection, allowSingleCluster, bridgeFactor, v);
        }
    }

    /**
     * Outcome of one run. Arrays are indexed by point (or by label for {@code stability}) and owned by the caller.
     *
     * @param labels         cluster of each point, 0..clusterCount-1 numbered by smallest member index, -1 = noise
     * @param membership     strength of membership in its cluster, in [0, 1]; 0 for noise
     * @param outlierScores  GLOSH score in [0, 1]
     * @param stability      Excess-of-Mass stability of each cluster (its persistence times its weight)
     * @param clusterCount   number of clusters
     * @param minClusterSize the minClusterSize used
     * @param minPts         the minPts used
     * @param components     connected components of the k-NN graph (1 = no bridges were needed)
     */
    public record Result(int[] labels, float[] membership, float[] outlierScores, double[] stability,
                         int clusterCount, int minClusterSize, int minPts, int components) {

        /** Total weight labelled noise divided by total weight ({@code weights} null = all 1). */
        public double noiseShare(int[] weights) {
            long noise = 0;
            long total = 0;
            for (int i = 0; i < labels.length; i++) {
                int w = weights == null ? 1 : weights[i];
                total += w;
                if (labels[i] < 0) {
                    noise += w;
                }
            }
            return total == 0 ? 0 : (double) noise / total;
        }
    }

    private final Options options;

    /** With {@link Options#defaults()}. */
    public Hdbscan() {
        this(Options.defaults());
    }

    public Hdbscan(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** {@code max(5, round(c * sqrt(totalWeight)))}; see the class comment for why. */
    public static int defaultMinClusterSize(long totalWeight, double sizeFactor) {
        return (int) Math.max(5, Math.round(sizeFactor * Math.sqrt(Math.max(0, totalWeight))));
    }

    /**
     * {@code min(minClusterSize, 8, k + 1)}: see the class comment; never beyond what a row of {@code k} neighbours
     * (plus the point itself) can measure exactly.
     */
    public static int defaultMinPts(int minClusterSize, int k) {
        return Math.max(1, Math.min(Math.min(minClusterSize, DEFAULT_MAX_MIN_PTS), k + 1));
    }

    /** Clusters unweighted points. */
    public Result cluster(KnnGraph graph) {
        return cluster(graph, null);
    }

    /**
     * Clusters points carrying integer weights (e.g. the size of a near-duplicate group); {@code null} = all 1.
     */
    public Result cluster(KnnGraph graph, int[] weights) {
        int n = graph.size();
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("one weight per point expected");
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            int w = weights == null ? 1 : weights[i];
            if (w < 1) {
                throw new IllegalArgumentException("weights must be >= 1; point " + i + " has " + w);
            }
            total += w;
        }
        int mcs = options.minClusterSize() > 0 ? options.minClusterSize()
                : defaultMinClusterSize(total, options.sizeFactor());
        int minPts = options.minPts() > 0 ? options.minPts() : defaultMinPts(mcs, graph.maxDegree());
        if (n < 2) {
            int[] labels = new int[n];
            Arrays.fill(labels, -1);
            return new Result(labels, new float[n], new float[n], new double[0], 0, mcs, minPts, n);
        }
        float[] core = coreDistances(graph, weights, minPts);
        Forest forest = spanningTree(graph, core, weights, options.bridgeFactor());
        return condenseAndSelect(forest, weights, mcs, minPts);
    }

    /** Core distance of every point (see the class comment); +infinity for an empty row. */
    static float[] coreDistances(KnnGraph graph, int[] weights, int minPts) {
        int n = graph.size();
        float[] core = new float[n];
        for (int i = 0; i < n; i++) {
            int[] nb = graph.neighbours()[i];
            float[] d = graph.distances()[i];
            long need = minPts - (weights == null ? 1 : weights[i]);
            if (need <= 0) {
                core[i] = 0f;
                continue;
            }
            if (nb.length == 0) {
                core[i] = Float.POSITIVE_INFINITY;
                continue;
            }
            float c = d[nb.length - 1];
            for (int s = 0; s < nb.length; s++) {
                need -= weights == null ? 1 : weights[nb[s]];
                if (need <= 0) {
                    c = d[s];
                    break;
                }
            }
            core[i] = Math.max(0f, c);
        }
        return core;
    }

    /**
     * Single-linkage dendrogram of the mutual-reachability graph: merge t joins nodes {@code left[t]} and
     * {@code right[t]} (ids below n are points, n + t is merge t) at distance {@code dist[t]}, ascending.
     */
    record Forest(int n, int[] left, int[] right, float[] dist, long[] weight, int components) {

        long weightOf(int node, int[] pointWeights) {
            return node < n ? (pointWeights == null ? 1 : pointWeights[node]) : weight[node - n];
        }
    }

    static Forest spanningTree(KnnGraph graph, float[] core, int[] weights, double bridgeFactor) {
        int n = graph.size();
        int[][] nbs = graph.neighbours();
        float[][] ds = graph.distances();
        long count = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isFinite(core[i])) {
                for (int j : nbs[i]) {
                    if (Float.isFinite(core[j])) {
                        count++;
                    }
                }
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many edges: " + count);
        }
        int edges = (int) count;
        // Key = (mutual reachability, raw distance) as float bits: non-negative floats order like their bit patterns,
        // so one long compares both. The endpoints travel with the key through a radix sort, so Kruskal then reads
        // both arrays front to back instead of jumping through edge indices (a cache miss per edge at a million
        // points). The raw distance breaks the frequent ties where a core distance dominates: a point between two
        // groups joins the one it is nearer to, whatever the input order.
        long[] keys = new long[edges];
        long[] ends = new long[edges];
        int e = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(core[i])) {
                continue;
            }
            int[] nb = nbs[i];
            float[] d = ds[i];
            for (int s = 0; s < nb.length; s++) {
                int j = nb[s];
                if (!Float.isFinite(core[j])) {
                    continue;
                }
                float dij = Math.max(0f, d[s]);
                float w = Math.max(dij, Math.max(core[i], core[j]));
                keys[e] = ((long) Float.floatToRawIntBits(w) << 32) | Float.floatToRawIntBits(dij);
                ends[e] = ((long) i << 32) | j;
                e++;
            }
        }
        radixSort(keys, ends);

        UnionFind uf = new UnionFind(n);
        int[] nodeOf = new int[n];
        for (int i = 0; i < n; i++) {
            nodeOf[i] = i;
        }
        int[] left = new int[n - 1];
        int[] right = new int[n - 1];
        float[] dist = new float[n - 1];
        long[] weight = new long[n - 1];
        int m = 0;
        for (int t = 0; t < edges && m < n - 1; t++) {
            long pair = ends[t];
            int a = uf.find((int) (pair >>> 32));
            int b = uf.find((int) pair);
            if (a == b) {
                continue;
            }
            m = merge(uf, nodeOf, a, b, Float.intBitsToFloat((int) (keys[t] >>> 32)), n, m, left, right, dist,
                    weight, weights);
        }
        int components = n - m;
        if (m < n - 1) {
            float maxWeight = edges == 0 ? 0f : Float.intBitsToFloat((int) (keys[edges - 1] >>> 32));
            // Chain the components in order of their smallest point: deterministic, and all at one level above
            // everything real, so the top of the tree separates them first.
            double bridge = maxWeight > 0 ? maxWeight * bridgeFactor : 1.0;
            float bridgeDistance = (float) bridge;
            int acc = uf.find(0);
            for (int i = 1; i < n && m < n - 1; i++) {
                int r = uf.find(i);
                if (r != acc) {
                    m = merge(uf, nodeOf, acc, r, bridgeDistance, n, m, left, right, dist, weight, weights);
                    acc = uf.find(i);
                }
            }
        }
        return new Forest(n, left, right, dist, weight, components);
    }

    private static int merge(UnionFind uf, int[] nodeOf, int a, int b, float w, int n, int m, int[] left,
                             int[] right, float[] dist, long[] weight, int[] weights) {
        int na = nodeOf[a];
        int nb = nodeOf[b];
        left[m] = na;
        right[m] = nb;
        dist[m] = w;
        long wa = na < n ? (weights == null ? 1 : weights[na]) : weight[na - n];
        long wb = nb < n ? (weights == null ? 1 : weights[nb]) : weight[nb - n];
        weight[m] = wa + wb;
        int r = uf.unionRoots(a, b);
        nodeOf[r] = n + m;
        return m + 1;
    }

    /**
     * Stable LSD radix sort of non-negative {@code keys}, moving {@code values} along: 11-bit digits (six passes,
     * 2,048 buckets keep the scattered writes cache-friendly), passes where every key has the same digit skipped.
     * O(n) and, unlike a comparison sort of indices, leaves both arrays in order for a sequential scan.
     */
    static void radixSort(long[] keys, long[] values) {
        int n = keys.length;
        if (n < 2) {
            return;
        }
        final int bits = 11;
        final int radix = 1 << bits;
        final int mask = radix - 1;
        long[] srcK = keys;
        long[] srcV = values;
        long[] dstK = new long[n];
        long[] dstV = new long[n];
        int[] count = new int[radix];
        for (int shift = 0; shift < 64; shift += bits) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((srcK[i] >>> shift) & mask)]++;
            }
            boolean trivial = false;
            int sum = 0;
            for (int b = 0; b < radix; b++) {
                int c = count[b];
                if (c == n) {
                    trivial = true;
                    break;
                }
                count[b] = sum;
                sum += c;
            }
            if (trivial) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                long k = srcK[i];
                int p = count[(int) ((k >>> shift) & mask)]++;
                dstK[p] = k;
                dstV[p] = srcV[i];
            }
            long[] t = srcK;
            srcK = dstK;
            dstK = t;
            t = srcV;
            srcV = dstV;
            dstV = t;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            System.arraycopy(srcV, 0, values, 0, n);
        }
    }

    /** Condensed tree, selection, labels and scores. */
    private Result condenseAndSelect(Forest f, int[] weights, int mcs, int minPts) {
        int n = f.n();
        float atom = options.atomDistance();
        Clusters cl = new Clusters();
        int[] pointCluster = new int[n];
        double[] pointLambda = new double[n];
        int[] fallStack = new int[n];
        int[] nodeStack = new int[n];
        int[] clusterStack = new int[n];

        int rootNode = 2 * n - 2;
        int root = cl.add(-1, 0.0);
        int sp = 0;
        if (isAtom(f, rootNode, atom)) {
            fall(f, rootNode, root, lambda(f.dist()[rootNode - n], atom), cl, weights, pointCluster, pointLambda,
                    fallStack);
        } else {
            nodeStack[sp] = rootNode;
            clusterStack[sp++] = root;
        }
        while (sp > 0) {
            int node = nodeStack[--sp];
            int c = clusterStack[sp];
            int t = node - n;
            double lam = lambda(f.dist()[t], atom);
            int l = f.left()[t];
            int r = f.right()[t];
            long wl = f.weightOf(l, weights);
            long wr = f.weightOf(r, weights);
            boolean lv = wl >= mcs && !isAtom(f, l, atom);
            boolean rv = wr >= mcs && !isAtom(f, r, atom);
            if (lv && rv) {
                cl.stability[c] += (wl + wr) * (lam - cl.birth[c]);
                cl.maxLambda[c] = Math.max(cl.maxLambda[c], lam);
                cl.hasChildren[c] = true;
                int a = cl.add(c, lam);
                int b = cl.add(c, lam);
                nodeStack[sp] = l;
                clusterStack[sp++] = a;
                nodeStack[sp] = r;
                clusterStack[sp++] = b;
            } else if (lv) {
                fall(f, r, c, lam, cl, weights, pointCluster, pointLambda, fallStack);
                nodeStack[sp] = l;
                clusterStack[sp++] = c;
            } else if (rv) {
                fall(f, l, c, lam, cl, weights, pointCluster, pointLambda, fallStack);
                nodeStack[sp] = r;
                clusterStack[sp++] = c;
            } else {
                fall(f, l, c, lam, cl, weights, pointCluster, pointLambda, fallStack);
                fall(f, r, c, lam, cl, weights, pointCluster, pointLambda, fallStack);
            }
        }

        int count = cl.size;
        // Deepest density reached anywhere below each cluster, children first (children have larger ids).
        double[] deaths = Arrays.copyOf(cl.maxLambda, count);
        for (int c = count - 1; c > 0; c--) {
            int p = cl.parent[c];
            deaths[p] = Math.max(deaths[p], deaths[c]);
        }
        boolean[] selected = select(cl);

        int[] selectedAncestor = new int[count];
        for (int c = 0; c < count; c++) {
            selectedAncestor[c] = selected[c] ? c : (cl.parent[c] >= 0 ? selectedAncestor[cl.parent[c]] : -1);
        }
        int[] labels = new int[n];
        for (int p = 0; p < n; p++) {
            int s = selectedAncestor[pointCluster[p]];
            // A root chosen as the single cluster keeps only the points that stay to its densest level (as the
            // hdbscan library does); everything else that left the root directly is noise.
            if (s == root && pointCluster[p] == root && pointLambda[p] < cl.maxLambda[root]) {
                s = -1;
            }
            labels[p] = s;
        }

        // Canonical numbering: by smallest member index.
        int[] canonical = new int[count];
        Arrays.fill(canonical, -1);
        int next = 0;
        for (int p = 0; p < n; p++) {
            int s = labels[p];
            if (s >= 0 && canonical[s] < 0) {
                canonical[s] = next++;
            }
        }
        double[] stability = new double[next];
        for (int c = 0; c < count; c++) {
            if (canonical[c] >= 0) {
                stability[canonical[c]] = cl.stability[c];
            }
        }
        float[] membership = new float[n];
        float[] outlier = new float[n];
        for (int p = 0; p < n; p++) {
            int s = labels[p];
            double lp = pointLambda[p];
            if (s >= 0) {
                double max = deaths[s];
                membership[p] = max > 0 ? (float) (Math.min(lp, max) / max) : 1f;
                labels[p] = canonical[s];
            }
            double max = deaths[pointCluster[p]];
            outlier[p] = max > 0 ? (float) Math.max(0, (max - lp) / max) : 0f;
        }
        return new Result(labels, membership, outlier, stability, next, mcs, minPts, f.components());
    }

    private boolean[] select(Clusters cl) {
        int count = cl.size;
        boolean[] selected = new boolean[count];
        if (options.selection() == Selection.LEAF) {
            for (int c = 1; c < count; c++) {
                selected[c] = !cl.hasChildren[c];
            }
            selected[0] = count == 1 && options.allowSingleCluster();
            return selected;
        }
        double[] childSum = new double[count];
        for (int c = count - 1; c >= 0; c--) {
            double value;
            if (!cl.hasChildren[c]) {
                selected[c] = true;
                value = cl.stability[c];
            } else if (childSum[c] > cl.stability[c]) {
                value = childSum[c];
            } else {
                selected[c] = true;
                value = cl.stability[c];
            }
            if (c > 0) {
                childSum[cl.parent[c]] += value;
            }
        }
        if (!options.allowSingleCluster()) {
            selected[0] = false;
        }
        // A selected cluster swallows everything below it; parents precede children in id order.
        boolean[] covered = new boolean[count];
        for (int c = 1; c < count; c++) {
            int p = cl.parent[c];
            if (selected[p] || covered[p]) {
                covered[c] = true;
                selected[c] = false;
            }
        }
        return selected;
    }

    private static boolean isAtom(Forest f, int node, float atom) {
        return node < f.n() || f.dist()[node - f.n()] <= atom;
    }

    private static double lambda(float dist, float atom) {
        return 1.0 / Math.max(dist, Math.max(atom, Float.MIN_NORMAL));
    }

    /** Every point under {@code node} leaves cluster {@code c} at density {@code lam}. */
    private static void fall(Forest f, int node, int c, double lam, Clusters cl, int[] weights, int[] pointCluster,
                             double[] pointLambda, int[] stack) {
        int n = f.n();
        cl.stability[c] += f.weightOf(node, weights) * (lam - cl.birth[c]);
        cl.maxLambda[c] = Math.max(cl.maxLambda[c], lam);
        int sp = 0;
        stack[sp++] = node;
        while (sp > 0) {
            int x = stack[--sp];
            if (x < n) {
                pointCluster[x] = c;
                pointLambda[x] = lam;
            } else {
                stack[sp++] = f.left()[x - n];
                stack[sp++] = f.right()[x - n];
            }
        }
    }

    /** Condensed-tree clusters as growable parallel arrays; ids grow with depth (parents first). */
    private static final class Clusters {
        int size;
        int[] parent = new int[64];
        double[] birth = new double[64];
        double[] stability = new double[64];
        double[] maxLambda = new double[64];
        boolean[] hasChildren = new boolean[64];

        int add(int parentId, double birthLambda) {
            if (size == parent.length) {
                int cap = size * 2;
                parent = Arrays.copyOf(parent, cap);
                birth = Arrays.copyOf(birth, cap);
                stability = Arrays.copyOf(stability, cap);
                maxLambda = Arrays.copyOf(maxLambda, cap);
                hasChildren = Arrays.copyOf(hasChildren, cap);
            }
            parent[size] = parentId;
            birth[size] = birthLambda;
            return size++;
        }
    }
}
