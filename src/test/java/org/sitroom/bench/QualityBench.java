package org.sitroom.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sitroom.cli.LabelledDatasets;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.LabelledText;
import org.sitroom.engine.internal.cluster.KMeans;
import org.sitroom.engine.internal.cluster.Knngr;
import org.sitroom.engine.internal.eval.EngineEvaluation;
import org.sitroom.engine.internal.eval.Scoring;
import org.sitroom.testing.Datasets;

/**
 * {@code bash .mvn/sitroom bench quality}: Sitroom's narratives ({@code sitroom eval}'s code path from the vectors on:
 * duplicate groups, {@code GroupClusterer} with the default settings) against the labels of PAPYER (narratives,
 * label 31 clustered but not scored), MediaEval 2016 dev (claim = first image id) and CrisisLexT26 (event = folder),
 * beside two baselines on the same embeddings and the same scoring: k-means told the true number of groups, and
 * Tribuo's exact HDBSCAN*. Tribuo is O(n^2): data sets above {@value #EXACT_LIMIT} posts are also run on a seeded
 * uniform subsample of that size, for all methods alike, and Tribuo only there.
 */
public final class QualityBench implements Benchmark {

    static final int EXACT_LIMIT = 10_000;
    /** Seeds the k-means baseline is also run with, for its mean over seedings. */
    static final int KMEANS_SEEDS = 10;

    @Override
    public String name() {
        return "quality";
    }

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scoring", "ARI/NMI/homogeneity/completeness over the scored posts, each noise post a cluster of its "
                + "own; clusters and noise share over all posts; KNNGR in the model's space (k = floor(log2 N), "
                + "70/30, 50 splits)");
        out.put("settings", ClusteringSettings.defaults().toString());
        List<String> verdicts = new ArrayList<>();
        for (String[] d : new String[][] {{"papyer", null}, {"mediaeval", "claim"}, {"crisislex", "event"}}) {
            Map<String, Object> result = dataset(d[0], d[1], verdicts);
            out.put(d[0], result);
        }
        out.put("verdicts", verdicts);
        return out;
    }

    private Map<String, Object> dataset(String name, String label, List<String> verdicts) throws Exception {
        System.out.println("[quality] " + name + ": loading");
        LabelledDatasets.Dataset data = LabelledDatasets.load(new LabelledDatasets.Request(name, null, label,
                Datasets.root(), "text", "label", "id"));
        List<LabelledText> posts = new ArrayList<>(data.posts());
        posts.sort(Comparator.comparing(LabelledText::id)); // the order sitroom eval (and a recluster) uses
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
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", data.label());
        r.put("posts", kept.size());
        r.put("rejected", posts.size() - kept.size());
        r.put("scored_posts", truth.scored());
        r.put("labels", truth.labels());
        r.put("unscored_labels", data.unscoredLabels());
        r.put("embed_seconds", round(embedded.seconds()));
        r.put("vectors_from_cache", embedded.cached());
        long t = System.nanoTime();
        Knngr.Result knngr = Scoring.knngr(v, truth, 50, 0L);
        r.put("knngr", knngr.mean());
        r.put("knngr_std", knngr.std());
        r.put("knngr_k", knngr.k());
        r.put("knngr_seconds", round((System.nanoTime() - t) / 1e9));
        System.out.printf("[quality] %s: %d posts, KNNGR %.4f +- %.4f%n", name, kept.size(), knngr.mean(), knngr.std());

        Map<String, Object> full = compare(name, kept, v, truth, kept.size() <= EXACT_LIMIT);
        r.put("all_posts", full);
        Map<String, Object> headline = full;
        if (kept.size() > EXACT_LIMIT) {
            int[] sample = sample(kept.size(), EXACT_LIMIT, 20261122L);
            List<LabelledText> sp = new ArrayList<>();
            float[][] sv = new float[sample.length][];
            int[] st = new int[sample.length];
            for (int i = 0; i < sample.length; i++) {
                sp.add(kept.get(sample[i]));
                sv[i] = v[sample[i]];
                st[i] = truth.truth()[sample[i]];
            }
            Scoring.Truth subTruth = new Scoring.Truth(st, (int) Arrays.stream(st).filter(x -> x >= 0).distinct().count());
            Map<String, Object> sub = compare(name + " subsample", sp, sv, subTruth, true);
            sub.put("subsample", EXACT_LIMIT + " posts drawn uniformly (seed 20261122), the same for every method");
            r.put("subsample", sub);
            headline = sub;
        }
        verdicts.add(verdict(name, full, "all posts"));
        if (headline != full) {
            verdicts.add(verdict(name, headline, "subsample"));
        }
        return r;
    }

    /** Sitroom (default settings, and EOM selection for reference), k-means with the true k, Tribuo if asked. */
    private Map<String, Object> compare(String name, List<LabelledText> posts, float[][] v, Scoring.Truth truth,
                                        boolean tribuo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posts", posts.size());
        m.put("labels", truth.labels());
        ClusteringSettings defaults = ClusteringSettings.defaults();
        long t = System.nanoTime();
        EngineEvaluation.Clustered ours = new EngineEvaluation(null, defaults).cluster(posts, v);
        double oursSeconds = (System.nanoTime() - t) / 1e9;
        m.put("sitroom", scores(truth, ours.labels(), oursSeconds, ours.parameters()));
        String other = "eom".equals(defaults.selection()) ? "leaf" : "eom";
        t = System.nanoTime();
        EngineEvaluation.Clustered alt = new EngineEvaluation(null, defaults.withSelection(other)).cluster(posts, v);
        m.put("sitroom_" + other, scores(truth, alt.labels(), (System.nanoTime() - t) / 1e9, Map.of()));
        System.out.printf("[quality] %s: sitroom %s%n", name, m.get("sitroom"));

        t = System.nanoTime();
        KMeans.Result km = KMeans.fit(v, KMeans.Options.of(truth.labels()));
        m.put("kmeans", scores(truth, km.labels(), (System.nanoTime() - t) / 1e9, Map.of("k", String.valueOf(truth.labels()))));
        System.out.printf("[quality] %s: k-means %s%n", name, m.get("kmeans"));
        m.put("kmeans_seeds", kmeansOverSeeds(v, truth, km.labels()));
        System.out.printf("[quality] %s: k-means over %d seeds %s%n", name, KMEANS_SEEDS, m.get("kmeans_seeds"));

        if (tribuo) {
            int mcs = Integer.parseInt(ours.parameters().getOrDefault("minClusterSize", "5"));
            int minPts = Integer.parseInt(ours.parameters().getOrDefault("minPts", "5"));
            t = System.nanoTime();
            int[] labels = TribuoHdbscan.cluster(v, mcs, minPts);
            m.put("tribuo_hdbscan", scores(truth, labels, (System.nanoTime() - t) / 1e9,
                    Map.of("minClusterSize", String.valueOf(mcs), "k", String.valueOf(minPts))));
            System.out.printf("[quality] %s: Tribuo %s%n", name, m.get("tribuo_hdbscan"));
        } else {
            m.put("tribuo_hdbscan", "skipped on all " + posts.size() + " posts (O(n^2): minutes to hours here); see "
                    + "the subsample");
        }
        return m;
    }

    /**
     * k-means with the true k from seeds 0 to {@value #KMEANS_SEEDS} - 1: its mean, spread and range. One seeding is
     * one draw: on PAPYER's 600 posts seed 0's ARI moved between 0.083 and 0.115 as the vectors changed, so a verdict
     * against seed 0 alone says as much about that seed as about the method. Both are reported and judged.
     *
     * @param seedZeroLabels the labels of the seed-0 run already made for the "kmeans" entry, not fitted again
     */
    private static Map<String, Object> kmeansOverSeeds(float[][] v, Scoring.Truth truth, int[] seedZeroLabels) {
        double[] ari = new double[KMEANS_SEEDS];
        double[] nmi = new double[KMEANS_SEEDS];
        long t = System.nanoTime();
        for (int seed = 0; seed < KMEANS_SEEDS; seed++) {
            int[] labels = seed == 0 ? seedZeroLabels
                    : KMeans.fit(v, KMeans.Options.of(truth.labels()).withSeed(seed)).labels();
            Scoring.Partition p = Scoring.partition(truth, labels);
            ari[seed] = p.ari();
            nmi[seed] = p.nmi();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", KMEANS_SEEDS);
        m.put("ari", round4(Arrays.stream(ari).average().orElseThrow()));
        m.put("ari_std", round4(std(ari)));
        m.put("ari_min", round4(Arrays.stream(ari).min().orElseThrow()));
        m.put("ari_max", round4(Arrays.stream(ari).max().orElseThrow()));
        m.put("nmi", round4(Arrays.stream(nmi).average().orElseThrow()));
        m.put("nmi_std", round4(std(nmi)));
        m.put("nmi_min", round4(Arrays.stream(nmi).min().orElseThrow()));
        m.put("nmi_max", round4(Arrays.stream(nmi).max().orElseThrow()));
        m.put("seconds_seeds_1_on", round((System.nanoTime() - t) / 1e9));
        return m;
    }

    private static double std(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        return Math.sqrt(Arrays.stream(x).map(d -> (d - mean) * (d - mean)).sum() / x.length);
    }

    private static Map<String, Object> scores(Scoring.Truth truth, int[] labels, double seconds,
                                              Map<String, String> parameters) {
        Scoring.Partition p = Scoring.partition(truth, labels);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ari", round4(p.ari()));
        m.put("nmi", round4(p.nmi()));
        m.put("homogeneity", round4(p.homogeneity()));
        m.put("completeness", round4(p.completeness()));
        m.put("clusters", p.clusters());
        m.put("noise_share", round4(p.noiseShare()));
        m.put("seconds", round(seconds));
        if (!parameters.isEmpty()) {
            m.put("parameters", new LinkedHashMap<>(parameters));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String verdict(String name, Map<String, Object> m, String on) {
        Map<String, Object> ours = (Map<String, Object>) m.get("sitroom");
        StringBuilder s = new StringBuilder(name + " (" + on + "): ");
        for (String baseline : List.of("kmeans", "kmeans_seeds", "tribuo_hdbscan")) {
            if (m.get(baseline) instanceof Map<?, ?> b) {
                Map<String, Object> base = (Map<String, Object>) b;
                boolean ari = (double) ours.get("ari") > (double) base.get("ari");
                boolean nmi = (double) ours.get("nmi") > (double) base.get("nmi");
                s.append(baseline).append(": ARI ").append(ari ? "above" : "NOT above").append(", NMI ")
                        .append(nmi ? "above" : "NOT above").append("; ");
            }
        }
        return s.toString();
    }

    /** {@code size} distinct indices of {@code 0..n-1}, seeded, ascending (the id order is kept). */
    static int[] sample(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rnd.nextInt(n - i);
            int x = all[i];
            all[i] = all[j];
            all[j] = x;
        }
        int[] out = Arrays.copyOf(all, size);
        Arrays.sort(out);
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static double round4(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
