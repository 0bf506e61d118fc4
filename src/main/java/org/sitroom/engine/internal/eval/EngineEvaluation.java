package org.sitroom.engine.internal.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.Embeddings;
import org.sitroom.engine.Evaluation;
import org.sitroom.engine.EvaluationOptions;
import org.sitroom.engine.EvaluationReport;
import org.sitroom.engine.LabelledText;
import org.sitroom.engine.ModelIdentity;
import org.sitroom.engine.internal.cluster.Knngr;
import org.sitroom.engine.internal.store.DuplicateGroups;
import org.sitroom.engine.internal.store.GroupClusterer;

/**
 * Evaluation as production would cluster: embed, put the posts in the order a recluster reads them (by id), duplicate
 * groups as the store forms them for a new situation, {@link GroupClusterer} with the app's settings, then
 * {@link Scoring}.
 */
public final class EngineEvaluation implements Evaluation {

    /** The situation name duplicate groups are keyed by (any fixed name: one data set is one situation). */
    static final String SITUATION = "evaluation";

    private final Embeddings embeddings;
    private final ClusteringSettings settings;

    public EngineEvaluation(Embeddings embeddings, ClusteringSettings settings) {
        this.embeddings = embeddings;
        this.settings = settings;
    }

    /** What clustering embedded posts gave, before scoring (the quality benchmark scores baselines on the same). */
    public record Clustered(List<LabelledText> posts, float[][] vectors, int[] labels, int duplicateGroups,
                            Map<String, String> parameters) {
    }

    @Override
    public EvaluationReport evaluate(String dataset, List<LabelledText> posts, EvaluationOptions options) {
        long started = System.nanoTime();
        check(posts);
        List<LabelledText> ordered = new ArrayList<>(posts);
        // A recluster reads a situation's posts sorted by id; the first post of a duplicate group stands for it.
        ordered.sort(Comparator.comparing(LabelledText::id));
        long embedStart = System.nanoTime();
        EmbeddingBatch batch = embeddings.embed(ordered.stream().map(LabelledText::text).toList());
        double embedSeconds = (System.nanoTime() - embedStart) / 1e9;
        List<LabelledText> kept = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            float[] v = batch.vector(i);
            if (v != null) {
                kept.add(ordered.get(i));
                vectors.add(v);
            }
        }
        int rejected = ordered.size() - kept.size();
        if (kept.size() < 2) {
            throw new IllegalArgumentException("only " + kept.size() + " of " + ordered.size()
                    + " posts could be embedded (the others are empty or have no word the model knows); need 2");
        }
        Clustered clustered = cluster(kept, vectors.toArray(float[][]::new));
        return score(dataset, clustered, batch.model(), rejected, options, embedSeconds, started);
    }

    /** Duplicate groups and clustering of posts already embedded and in id order. */
    public Clustered cluster(List<LabelledText> posts, float[][] vectors) {
        long[] groups = DuplicateGroups.ofNewSituation(SITUATION, posts.stream().map(LabelledText::text).toList());
        GroupClusterer.Result result = new GroupClusterer(settings).cluster(vectors, groups);
        Map<String, String> parameters = new LinkedHashMap<>(result.parameters());
        parameters.put("nearDuplicateJaccard", "0.9");
        return new Clustered(posts, vectors, result.labels(), result.points(), parameters);
    }

    /** Scores a clustering. */
    public static EvaluationReport score(String dataset, Clustered clustered, ModelIdentity model, int rejected,
                                         EvaluationOptions options, double embedSeconds, long startedNanos) {
        Scoring.Truth truth = Scoring.truth(clustered.posts().stream().map(LabelledText::label).toList(),
                options.unscoredLabels());
        Scoring.Partition p = Scoring.partition(truth, clustered.labels());
        Knngr.Result knngr = Scoring.knngr(clustered.vectors(), truth, options.knngrSplits(), options.seed());
        return new EvaluationReport(dataset, clustered.posts().size(), truth.scored(), truth.labels(), rejected,
                clustered.duplicateGroups(), p.ari(), p.nmi(), p.homogeneity(), p.completeness(), p.clusters(),
                p.noiseShare(), knngr == null ? null : knngr.mean(), knngr == null ? null : knngr.std(),
                knngr == null ? 0 : knngr.k(), model, clustered.parameters(), embedSeconds,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    private static void check(List<LabelledText> posts) {
        if (posts.size() < 2) {
            throw new IllegalArgumentException("an evaluation needs at least 2 posts, got " + posts.size());
        }
        Set<String> ids = new HashSet<>();
        for (LabelledText p : posts) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("post id '" + p.id() + "' occurs more than once");
            }
        }
    }
}
