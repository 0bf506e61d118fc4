package org.sitroom.engine.internal.cluster;

/**
 * The shared planted data set of the clustering tests, built once per test JVM: 5,000 posts in 384-d, 30 narratives
 * in 6 themes, 10% uniform noise, 5 groups of exact duplicate vectors, and its exact 15-NN graph.
 */
final class Planted {

    static final int N = 5000;
    static final int K = 15;

    private Planted() {
    }

    private static final class Holder {
        static final Synthetic.Data DATA = Synthetic.narratives(N, 30, 6, 0.1, 5, 384, 1);
        static final KnnGraph GRAPH = KnnGraph.bruteForce(DATA.vectors(), K);
    }

    static Synthetic.Data data() {
        return Holder.DATA;
    }

    static KnnGraph graph() {
        return Holder.GRAPH;
    }
}
