package org.sitroom.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sitroom.cli.LabelledDatasets;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.LabelledText;
import org.sitroom.engine.internal.cluster.ClusterMetrics;
import org.sitroom.engine.internal.cluster.Hdbscan;
import org.sitroom.engine.internal.cluster.KMeans;
import org.sitroom.engine.internal.cluster.KnnGraph;
import org.sitroom.engine.internal.eval.Scoring;
import org.sitroom.engine.internal.store.DuplicateGroups;
import org.sitroom.engine.internal.store.GroupClusterer;
import org.sitroom.engine.internal.store.NarrativeVote;
import org.sitroom.testing.Datasets;

/**
 * The parameter sweep behind the clustering defaults (not a benchmark; kept so the choice can be re-examined): HDBSCAN*
 * on the duplicate-group points of a labelled data set with an exact k-NN graph, over selection, minClusterSize,
 * minPts and k, scored as {@code sitroom eval} scores. Run after {@code test-compile}:
 * {@code bash .mvn/sitroom java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * org.sitroom.bench.QualityTuning papyer|mediaeval|crisislex [mediaeval label]}
 */
public final class QualityTuning {

    private QualityTuning() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "papyer";
        LabelledDatasets.Request request = new LabelledDatasets.Request(name, null, args.length > 1 ? args[1] : null,
                Datasets.root(), "text", "label", "id");
        LabelledDatasets.Dataset data = LabelledDatasets.load(request);
        List<LabelledText> posts = new ArrayList<>(data.posts());
        posts.sort(Comparator.comparing(LabelledText::id));
        VectorCache.Embedded embedded = VectorCache.embed(name, posts.stream().map(LabelledText::text).toList());
        List<LabelledText> kept = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (embedded.vectors()[i] != null) {
                kept.add(posts.get(i));
                vectors.add(embedded.vectors()[i]);
            }
        }
        float[][] v = vectors.toArray(float[][]::new);
        Scoring.Truth truth = Scoring.truth(kept.stream().map(LabelledText::label).toList(), data.unscoredLabels());
        long[] groups = DuplicateGroups.ofNewSituation("evaluation", kept.stream().map(LabelledText::text).toList());
        GroupClusterer.Points points = GroupClusterer.points(v, groups);
        System.out.printf("%s: %d posts, %d scored, %d labels, %d points (embedding %.1f s%s)%n", name, kept.size(),
                truth.scored(), truth.labels(), points.size(), embedded.seconds(), ", " + embedded.cached() + " cached");
        long t = System.nanoTime();
        // Exact up to 12,000 points; above, the production HNSW path (brute force would take many minutes here).
        KnnGraph full = points.size() <= 12_000 ? KnnGraph.bruteForce(points.vectors(), 50)
                : new GroupClusterer(new ClusteringSettings(30, 0, 0, 500, 0.25, java.time.Duration.ofMinutes(10), 15,
                        3, 0.45, 0.98, 0, 20, "leaf", 0, 0, 0.9, 0.3)).graph(points);
        System.out.printf("%d-NN graph (%s) in %.1f s%n", full.maxDegree(), points.size() <= 12_000 ? "exact" : "HNSW",
                (System.nanoTime() - t) / 1e9);
        KMeans.Result km = KMeans.fit(v, KMeans.Options.of(truth.labels()));
        print("k-means k=" + truth.labels(), truth, km.labels());
        for (int k : new int[] {15, 30}) {
            if (k > full.maxDegree()) {
                continue;
            }
            KnnGraph g = full.truncate(k);
            for (Hdbscan.Selection selection : Hdbscan.Selection.values()) {
                for (int mcs : new int[] {0, 3, 4, 5, 8, 12, 20}) {
                    for (int minPts : new int[] {0, 2, 3, 5}) {
                        Hdbscan.Options o = Hdbscan.Options.defaults().withSelection(selection).withMinClusterSize(mcs)
                                .withMinPts(minPts);
                        Hdbscan.Result r = new Hdbscan(o).cluster(g, points.weights());
                        int[] labels = new int[kept.size()];
                        for (int i = 0; i < labels.length; i++) {
                            labels[i] = r.labels()[points.pointOfPost()[i]];
                        }
                        print(String.format("k=%d %s mcs=%d minPts=%d", k, selection, r.minClusterSize(), r.minPts()),
                                truth, labels);
                        int[] voted = vote(full.truncate(15), r.labels(), points.weights(), 0.45, 3);
                        for (int i = 0; i < labels.length; i++) {
                            labels[i] = voted[points.pointOfPost()[i]];
                        }
                        print(String.format("k=%d %s mcs=%d minPts=%d +vote", k, selection, r.minClusterSize(),
                                r.minPts()), truth, labels);
                    }
                }
            }
        }
    }

    /**
     * Noise points take the cluster their clustered graph neighbours vote for, by the rule the store applies to a post
     * arriving between reclusters ({@link NarrativeVote}; a neighbour weighs the posts it stands for).
     */
    static int[] vote(KnnGraph graph, int[] labels, int[] weights, double minSimilarity, int minSupport) {
        int[] out = labels.clone();
        NarrativeVote vote = new NarrativeVote(minSimilarity, minSupport);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                continue;
            }
            vote.clear();
            int[] nb = graph.neighbours()[i];
            float[] d = graph.distances()[i];
            for (int s = 0; s < nb.length; s++) {
                if (labels[nb[s]] >= 0) {
                    vote.add(labels[nb[s]], 1 - d[s], weights[nb[s]]);
                }
            }
            Long winner = vote.winner();
            out[i] = winner == null ? -1 : winner.intValue();
        }
        return out;
    }

    private static void print(String what, Scoring.Truth truth, int[] labels) {
        Scoring.Partition p = Scoring.partition(truth, labels);
        int[] t = truth.truth();
        int scored = truth.scored();
        int[] a = new int[scored];
        int[] b = new int[scored];
        for (int i = 0, s = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                a[s] = t[i];
                b[s++] = labels[i];
            }
        }
        ClusterMetrics.Scores one = ClusterMetrics.score(a, b, ClusterMetrics.NoisePolicy.ONE_CLUSTER);
        System.out.printf("%-40s ARI %.4f NMI %.4f hom %.3f compl %.3f | noise-as-one ARI %.4f NMI %.4f | clusters %d noise %.3f%n",
                what, p.ari(), p.nmi(), p.homogeneity(), p.completeness(), one.ari(), one.nmi(), p.clusters(),
                p.noiseShare());
    }
}
