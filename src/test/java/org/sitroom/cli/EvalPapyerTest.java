package org.sitroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.EmbeddingSettings;
import org.sitroom.engine.internal.embed.OnnxEmbedder;
import org.sitroom.engine.internal.eval.EngineEvaluation;
import org.sitroom.testing.Datasets;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sitroom eval --dataset papyer --json} with the real model and the default clustering settings. */
class EvalPapyerTest {

    @Test
    void papyerGivesEveryFigureWithSaneValues() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (OnnxEmbedder embedder = OnnxEmbedder.open(EmbeddingSettings.defaults())) {
            CommandLine cli = new CommandLine(new EvalCommand(new EngineEvaluation(embedder, ClusteringSettings.defaults())));
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            code = cli.execute("--dataset", "papyer", "--datasets", Datasets.root().toString(), "--json");
        }
        assertThat(code).as(err.toString()).isZero();
        System.out.println("sitroom eval --dataset papyer --json:\n" + out);
        JsonNode json = JsonMapper.builder().build().readTree(out.toString());
        for (String key : List.of("ari", "nmi", "homogeneity", "completeness", "clusters", "noise_share", "knngr",
                "knngr_std")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("posts").asInt()).isEqualTo(600);
        assertThat(json.get("scored_posts").asInt()).as("label 31 (irrelevant) is not scored").isEqualTo(310);
        assertThat(json.get("labels").asInt()).isEqualTo(31);
        assertThat(json.get("rejected").asInt()).isZero();
        // KNNGR of the raw int8 MiniLM space was ~0.27 in an earlier trial; the paper's best 2-D map 0.334.
        assertThat(json.get("knngr").asDouble()).isBetween(0.2, 0.4);
        assertThat(json.get("knngr_std").asDouble()).isBetween(0.005, 0.08);
        assertThat(json.get("knngr_k").asInt()).as("floor(log2 310)").isEqualTo(8);
        // PAPYER is hard for density clustering: one topic, 31 narratives of 2-32 posts among 290 irrelevant ones, and
        // a space where a post's 8 nearest labelled neighbours agree with its label only ~28% of the time. Measured
        // with the defaults (EOM, minPts 3, noise vote): ARI 0.005, NMI 0.17, 4 clusters, 30% noise; k-means told the
        // true 31 scores ARI 0.09 (docs/benchmarks.md). These bounds catch a broken pipeline, not a small shift.
        assertThat(json.get("ari").asDouble()).isBetween(-0.05, 0.2);
        assertThat(json.get("nmi").asDouble()).isBetween(0.05, 0.9);
        assertThat(json.get("homogeneity").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("completeness").asDouble()).isBetween(0.2, 1.0);
        assertThat(json.get("clusters").asInt()).as("some narratives found").isBetween(2, 120);
        assertThat(json.get("noise_share").asDouble()).isBetween(0.0, 0.9);
        assertThat(json.get("model_sha256").asString()).hasSize(64);
        assertThat(json.get("parameters").get("selection").asString()).isEqualTo("excess_of_mass");
        assertThat(json.get("parameters").get("minPts").asString()).isEqualTo("3");
    }
}
