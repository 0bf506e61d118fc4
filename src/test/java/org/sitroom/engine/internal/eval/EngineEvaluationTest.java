package org.sitroom.engine.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.EvaluationOptions;
import org.sitroom.engine.EvaluationReport;
import org.sitroom.engine.LabelledText;
import org.sitroom.testing.FixedEmbeddings;

/** Evaluation on planted vectors: texts map to known vectors, so the scores are predictable. */
class EngineEvaluationTest {

    private static final int DIM = 32;

    /** Four well-separated groups of 40 posts, 20 unrelated posts labelled "other", one empty text. */
    private static Planted planted() {
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, float[]> vectors = new HashMap<>();
        List<LabelledText> posts = new ArrayList<>();
        float[][] centres = new float[4][];
        for (int c = 0; c < 4; c++) {
            centres[c] = unit(gaussian(rnd, 1.0), null);
        }
        for (int i = 0; i < 160; i++) {
            int c = i % 4;
            String text = "group " + c + " post " + Long.toHexString(new SplittableRandom(i).nextLong());
            vectors.put(text, unit(gaussian(rnd, Math.sqrt(0.3 / DIM)), centres[c]));
            posts.add(new LabelledText(String.format("%04d", i), text, "g" + c));
        }
        for (int i = 0; i < 20; i++) {
            String text = "unrelated " + Long.toHexString(new SplittableRandom(1000 + i).nextLong());
            vectors.put(text, unit(gaussian(rnd, 1.0), null));
            posts.add(new LabelledText("x" + i, text, "other"));
        }
        posts.add(new LabelledText("empty", "   ", "g0"));
        return new Planted(posts, new FixedEmbeddings(DIM, vectors::get));
    }

    private record Planted(List<LabelledText> posts, FixedEmbeddings embeddings) {
    }

    @Test
    void separatedGroupsScoreNearlyPerfectlyAndUnscoredLabelsStayOutOfTheScores() {
        Planted data = planted();
        EngineEvaluation evaluation = new EngineEvaluation(data.embeddings(), ClusteringSettings.defaults());
        EvaluationReport report = evaluation.evaluate("planted", data.posts(),
                EvaluationOptions.defaults().withUnscoredLabels(Set.of("other")));

        assertThat(report.dataset()).isEqualTo("planted");
        assertThat(report.rejected()).as("the blank text").isEqualTo(1);
        assertThat(report.posts()).isEqualTo(180);
        assertThat(report.scoredPosts()).isEqualTo(160);
        assertThat(report.labels()).isEqualTo(4);
        assertThat(report.duplicateGroups()).isEqualTo(180);
        assertThat(report.clusters()).isEqualTo(4);
        assertThat(report.ari()).isGreaterThan(0.95);
        assertThat(report.nmi()).isGreaterThan(0.95);
        assertThat(report.homogeneity()).isGreaterThan(0.95);
        assertThat(report.completeness()).isGreaterThan(0.9);
        assertThat(report.noiseShare()).as("the 20 unrelated posts, about").isBetween(0.05, 0.2);
        assertThat(report.knngr()).isGreaterThan(0.98);
        assertThat(report.knngrStd()).isLessThan(0.03);
        assertThat(report.knngrK()).as("floor(log2 160)").isEqualTo(7);
        assertThat(report.model().sha256()).hasSize(64);
        assertThat(report.parameters()).containsKeys("k", "minClusterSize", "minPts", "selection", "graph");

        // Scored with "other" as a label of its own, the unrelated posts (mostly noise) pull every score down.
        EvaluationReport all = evaluation.evaluate("planted", data.posts(), EvaluationOptions.defaults());
        assertThat(all.scoredPosts()).isEqualTo(180);
        assertThat(all.labels()).isEqualTo(5);
        assertThat(all.completeness()).isLessThan(report.completeness());
    }

    @Test
    void copiesOfOnePostAreOneDuplicateGroup() {
        Planted data = planted();
        List<LabelledText> posts = new ArrayList<>(data.posts());
        LabelledText original = posts.get(3);
        for (int i = 0; i < 5; i++) {
            posts.add(new LabelledText("rt" + i, "RT @someone: " + original.text(), original.label()));
        }
        FixedEmbeddings embeddings = new FixedEmbeddings(DIM, t -> t.startsWith("RT @someone: ")
                ? data.embeddings().embed(List.of(t.substring(13))).vector(0) : data.embeddings().embed(List.of(t)).vector(0));
        EvaluationReport report = new EngineEvaluation(embeddings, ClusteringSettings.defaults())
                .evaluate("copies", posts, EvaluationOptions.defaults());
        assertThat(report.posts()).isEqualTo(185);
        assertThat(report.duplicateGroups()).isEqualTo(180);
    }

    @Test
    void unusableInputIsRefusedWithAReason() {
        EngineEvaluation evaluation = new EngineEvaluation(FixedEmbeddings.hashed(DIM), ClusteringSettings.defaults());
        assertThatThrownBy(() -> evaluation.evaluate("one", List.of(new LabelledText("a", "text", "x")),
                EvaluationOptions.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> evaluation.evaluate("dup", List.of(new LabelledText("a", "one", "x"),
                new LabelledText("a", "two", "y")), EvaluationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' occurs more than once");
        assertThatThrownBy(() -> evaluation.evaluate("blank", List.of(new LabelledText("a", "", "x"),
                new LabelledText("b", " ", "y"), new LabelledText("c", "text", "y")), EvaluationOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 1 of 3");
    }

    @Test
    void fewerThanFourScoredPostsHaveNoKnngr() {
        EngineEvaluation evaluation = new EngineEvaluation(FixedEmbeddings.hashed(DIM), ClusteringSettings.defaults());
        EvaluationReport report = evaluation.evaluate("tiny", List.of(new LabelledText("a", "one", "x"),
                new LabelledText("b", "two", "y"), new LabelledText("c", "three", null)), EvaluationOptions.defaults());
        assertThat(report.scoredPosts()).isEqualTo(2);
        assertThat(report.knngr()).isNull();
        assertThat(report.knngrStd()).isNull();
        assertThat(report.clusters()).isZero();
        assertThat(report.noiseShare()).isEqualTo(1.0);
    }

    private static double[] gaussian(SplittableRandom rnd, double sigma) {
        double[] g = new double[DIM];
        for (int d = 0; d < DIM; d++) {
            g[d] = sigma * rnd.nextGaussian();
        }
        return g;
    }

    private static float[] unit(double[] g, float[] base) {
        double[] x = g.clone();
        if (base != null) {
            for (int d = 0; d < DIM; d++) {
                x[d] += base[d];
            }
        }
        double norm = 0;
        for (double v : x) {
            norm += v * v;
        }
        float[] out = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            out[d] = (float) (x[d] / Math.sqrt(norm));
        }
        return out;
    }
}
