package org.sitroom.engine.internal.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.VectorUtil;

/**
 * Builds k-nearest-neighbour graphs of a situation's posts for density clustering (HDBSCAN* on a k-NN graph).
 *
 * <p>{@link #build} asks each segment's HNSW graph for every post's neighbours, in parallel over the cores:
 * about O(n log n) in total instead of the O(n²) of {@link #buildExact}. Each query is restricted to the situation by
 * a bit set built once per segment (not by a filter query, which Lucene would re-evaluate on every one of the n
 * searches), and candidates are re-scored with the raw float vectors, so distances are exact and the order is right
 * even on an int7-quantised index. Node order is index order (segment by segment, doc id within) at the time of the
 * call; use {@link KnnGraph#ids()} to map nodes back to posts.
 *
 * <p>Memory: all vectors of the situation are held as floats while building (n x dim x 4 bytes, 150 MB for 100k
 * 384-d posts).
 */
public final class KnnGraphs {

    /**
     * Default HNSW search breadth per query: Lucene's HNSW search visits about as many candidates as it is asked
     * for, and recall at small k is poor (0.92 at 10 measured on this data), so ask for this many and keep k.
     */
    public static final int DEFAULT_BREADTH = 48;

    /** Segments where the situation has at most this many posts are scanned exactly: cheaper than a graph walk. */
    static final int EXACT_SEGMENT_MAX = 1024;

    /** Share of a segment's docs (live posts of the situation) above which it is searched unfiltered. */
    static final double UNFILTERED_MIN_SHARE = 0.5;

    private KnnGraphs() {
    }

    /** Approximate k-NN graph via HNSW with the {@link #DEFAULT_BREADTH default breadth} (or k+1 if larger). */
    public static KnnGraph build(PostIndex index, String situation, int k) throws IOException {
        return build(index, situation, k, Math.max(k + 1, DEFAULT_BREADTH));
    }

    /**
     * Approximate k-NN graph via HNSW, each query asking for {@code max(k + 1, breadth)} candidates per segment
     * (one of them is usually the post itself). Larger breadth: better recall, slower.
     */
    public static KnnGraph build(PostIndex index, String situation, int k, int breadth) throws IOException {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive");
        }
        int ask = Math.max(k + 1, breadth);
        return index.read(s -> {
            Snapshot snap = Snapshot.of(s, situation);
            int n = snap.ids.length;
            int[][] neighbours = new int[n][];
            float[][] distances = new float[n][];
            int want = Math.min(k, n - 1);
            IntStream.range(0, n).parallel().forEach(node -> {
                try {
                    TopK top = searchNode(snap, node, want, ask, false);
                    if (top.size() < want) {
                        // Post-filtering an unfiltered search came up short (the node's surroundings belong to
                        // another situation): redo with filtered searches, and if even that fails, scan.
                        top = searchNode(snap, node, want, ask, true);
                        if (top.size() < want) {
                            top = new TopK(want);
                            scan(snap.vectors, snap.vectors[node], node, 0, n, top);
                        }
                    }
                    neighbours[node] = top.nodes();
                    distances[node] = top.distances();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new KnnGraph(snap.ids, neighbours, distances);
        });
    }

    /** One node's neighbours, segment by segment; {@code filteredOnly} disables the unfiltered shortcut. */
    private static TopK searchNode(Snapshot snap, int node, int want, int ask, boolean filteredOnly)
            throws IOException {
        TopK top = new TopK(want);
        float[] q = snap.vectors[node];
        for (int li = 0; li < snap.leaves.size(); li++) {
            int start = snap.leafStart[li];
            int end = snap.leafStart[li + 1];
            if (end == start) {
                continue;
            }
            if (end - start <= EXACT_SEGMENT_MAX) {
                scan(snap.vectors, q, node, start, end, top);
                continue;
            }
            LeafReaderContext leaf = snap.leaves.get(li);
            int maxDoc = leaf.reader().maxDoc();
            double share = (end - start) / (double) maxDoc;
            TopDocs hits;
            if (share >= UNFILTERED_MIN_SHARE && !filteredOnly) {
                // Mostly this situation's live posts: search unfiltered, asking for proportionally more, and drop
                // other docs below (docToNode = -1). Avoids Lucene's filtered-search machinery, and its per-query
                // filter cost, where it buys little.
                hits = leaf.reader().searchNearestVectors(PostIndex.F_VECTOR, q, (int) Math.ceil(ask / share),
                        AcceptDocs.fromLiveDocs(null, maxDoc), Integer.MAX_VALUE);
            } else {
                // A minority of the segment: Lucene picks a filtered graph walk or a scan of the accepted docs.
                hits = leaf.reader().searchNearestVectors(PostIndex.F_VECTOR, q, ask,
                        AcceptDocs.fromLiveDocs(snap.accept[li], maxDoc), Integer.MAX_VALUE);
            }
            for (ScoreDoc sd : hits.scoreDocs) {
                int other = snap.docToNode[li][sd.doc];
                if (other >= 0 && other != node) {
                    // Exact re-score: HNSW scores may come from quantised vectors.
                    top.offer(other, 1f - VectorUtil.dotProduct(q, snap.vectors[other]));
                }
            }
        }
        return top;
    }

    /** Exact k-NN graph by brute force, O(n² · dim): for small situations and for measuring recall. */
    public static KnnGraph buildExact(PostIndex index, String situation, int k) throws IOException {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive");
        }
        return index.read(s -> {
            Snapshot snap = Snapshot.of(s, situation);
            return exact(snap.ids, snap.vectors, k);
        });
    }

    /** Rows per block of the exact scan: 32 x 1.5 KB rows stay in L2 while each column is read once per block. */
    private static final int EXACT_BLOCK = 32;

    /**
     * Exact k-NN graph of in-memory vectors (unit length), in parallel over blocks of rows. Blocked because a plain
     * row-by-row scan streams the whole matrix from memory once per row and runs at memory speed, not SIMD speed.
     */
    static KnnGraph exact(String[] ids, float[][] vectors, int k) {
        int n = vectors.length;
        int[][] neighbours = new int[n][];
        float[][] distances = new float[n][];
        int blocks = (n + EXACT_BLOCK - 1) / EXACT_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int from = block * EXACT_BLOCK;
            int to = Math.min(n, from + EXACT_BLOCK);
            TopK[] tops = new TopK[to - from];
            for (int i = from; i < to; i++) {
                tops[i - from] = new TopK(Math.min(k, n - 1));
            }
            for (int j = 0; j < n; j++) {
                float[] column = vectors[j];
                for (int i = from; i < to; i++) {
                    if (i != j) {
                        tops[i - from].offer(j, 1f - VectorUtil.dotProduct(vectors[i], column));
                    }
                }
            }
            for (int i = from; i < to; i++) {
                neighbours[i] = tops[i - from].nodes();
                distances[i] = tops[i - from].distances();
            }
        });
        return new KnnGraph(ids, neighbours, distances);
    }

    private static void scan(float[][] vectors, float[] q, int self, int from, int to, TopK top) {
        for (int j = from; j < to; j++) {
            if (j != self) {
                top.offer(j, 1f - VectorUtil.dotProduct(q, vectors[j]));
            }
        }
    }

    /** A situation's posts at one point in time: ids, vectors and the node of each doc, segment by segment. */
    private record Snapshot(String[] ids, float[][] vectors, List<LeafReaderContext> leaves, int[] leafStart,
            FixedBitSet[] accept, int[][] docToNode) {

        static Snapshot of(IndexSearcher s, String situation) throws IOException {
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            List<String> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            FixedBitSet[] accept = new FixedBitSet[leaves.size()];
            int[][] docToNode = new int[leaves.size()][];
            int[] leafStart = new int[leaves.size() + 1];
            for (int li = 0; li < leaves.size(); li++) {
                int maxDoc = leaves.get(li).reader().maxDoc();
                accept[li] = new FixedBitSet(maxDoc);
                docToNode[li] = new int[maxDoc];
                Arrays.fill(docToNode[li], -1);
            }
            PostIndex.forEachMatch(s, PostIndex.situationQuery(situation), leaf -> {
                int li = leaf.ord;
                BinaryDocValues idValues = DocValues.getBinary(leaf.reader(), PostIndex.F_ID);
                PostIndex.LeafVectors leafVectors = new PostIndex.LeafVectors(leaf.reader());
                return doc -> {
                    float[] v = leafVectors.get(doc);
                    if (v == null) {
                        return; // cannot happen for docs written by PostIndex; skip rather than fail
                    }
                    idValues.advanceExact(doc);
                    accept[li].set(doc);
                    docToNode[li][doc] = ids.size();
                    ids.add(idValues.binaryValue().utf8ToString());
                    vectors.add(v);
                };
            });
            // forEachMatch visits leaves in order, so each leaf's nodes are one contiguous range.
            for (int li = 0; li < leaves.size(); li++) {
                leafStart[li + 1] = leafStart[li] + accept[li].cardinality();
            }
            return new Snapshot(ids.toArray(String[]::new), vectors.toArray(float[][]::new), leaves, leafStart,
                    accept, docToNode);
        }
    }

    /**
     * The k smallest distances seen, kept sorted by insertion (k is small, tens): ties by node index so results are
     * deterministic whatever order candidates arrive in. Each node must be offered at most once (segments hold
     * disjoint docs and one search returns a doc once).
     */
    static final class TopK {
        private final int k;
        private final int[] nodes;
        private final float[] dist;
        private int size;

        TopK(int k) {
            this.k = Math.max(k, 0);
            this.nodes = new int[this.k];
            this.dist = new float[this.k];
        }

        void offer(int node, float d) {
            if (k == 0) {
                return;
            }
            if (size == k && !less(d, node, dist[k - 1], nodes[k - 1])) {
                return;
            }
            int i = size == k ? k - 1 : size++;
            while (i > 0 && less(d, node, dist[i - 1], nodes[i - 1])) {
                dist[i] = dist[i - 1];
                nodes[i] = nodes[i - 1];
                i--;
            }
            dist[i] = d;
            nodes[i] = node;
        }

        private static boolean less(float d1, int n1, float d2, int n2) {
            return d1 < d2 || (d1 == d2 && n1 < n2);
        }

        int size() {
            return size;
        }

        int[] nodes() {
            return Arrays.copyOf(nodes, size);
        }

        float[] distances() {
            return Arrays.copyOf(dist, size);
        }
    }
}
