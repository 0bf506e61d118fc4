package org.sitroom.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.sitroom.engine.Evaluation;
import org.sitroom.engine.EvaluationOptions;
import org.sitroom.engine.EvaluationReport;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sitroom eval}: how well Sitroom's narratives match a labelled data set, in this installation's model and
 * clustering settings. Exit code 0 on success, 2 for input that cannot be evaluated (the message says why).
 */
@Component
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores Sitroom's narratives against labelled posts: ARI, NMI, homogeneity, completeness, "
                + "clusters found, noise share, and KNNGR (the PAPYER paper's k-NN generalisation rate: "
                + "k = floor(log2 N), 70/30 splits) in the model's space.",
                "Posts are embedded, grouped into duplicate groups and clustered exactly as a recluster would; "
                + "nothing is stored."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:evaluated", "2:bad input (missing file or column, unknown format or label, repeated ids, "
                + "fewer than 2 posts)"})
public class EvalCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "FILE_OR_NAME",
            description = "A labelled file or folder, or papyer, mediaeval, crisislex (resolved in --datasets).")
    String dataset;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "papyer, mediaeval, crisislex or csv; default: the name's, csv for *.csv, crisislex for a folder.")
    String format;

    @Option(names = "--label", paramLabel = "LABEL",
            description = "What counts as the true group: mediaeval claim (default, the first image id) or event "
                    + "(its prefix); papyer narrative; crisislex event.")
    String label;

    @Option(names = "--datasets", paramLabel = "DIR", defaultValue = "../shared/datasets",
            description = "Where the dataset names resolve (default: ${DEFAULT-VALUE}).")
    Path datasets;

    @Option(names = "--text-column", defaultValue = "text", description = "csv: the text column (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--label-column", defaultValue = "label", description = "csv: the label column (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--id-column", defaultValue = "id",
            description = "csv: the id column, used if present (default: ${DEFAULT-VALUE}); else line numbers.")
    String idColumn;

    @Option(names = "--unscored-label", paramLabel = "LABEL",
            description = "Posts with this label are clustered but not scored (repeatable; papyer: 31 unless given).")
    List<String> unscoredLabels;

    @Option(names = "--splits", defaultValue = "50", description = "KNNGR train/test splits (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    private final Evaluation evaluation;

    public EvalCommand(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabelledDatasets.Dataset data;
        EvaluationReport report;
        try {
            if (splits < 1) {
                throw new DatasetException("--splits must be at least 1, got " + splits);
            }
            data = LabelledDatasets.load(new LabelledDatasets.Request(dataset, format, label, datasets, textColumn,
                    labelColumn, idColumn));
            if (data.posts().size() < 2) {
                throw new DatasetException(data.source() + " holds " + data.posts().size()
                        + " post(s); an evaluation needs at least 2");
            }
            Set<String> unscored = unscoredLabels == null ? data.unscoredLabels() : Set.copyOf(unscoredLabels);
            report = evaluation.evaluate(data.name(), data.posts(),
                    new EvaluationOptions(unscored, splits, 0L));
        } catch (DatasetException | IllegalArgumentException e) {
            err.println("sitroom eval: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        Map<String, Object> figures = figures(data, report, unscoredLabels == null ? data.unscoredLabels()
                : Set.copyOf(unscoredLabels));
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(figures));
        } else {
            printTable(out, data, report, figures);
        }
        out.flush();
        return 0;
    }

    /** The JSON object: the keys first, then what it was measured on. */
    static Map<String, Object> figures(LabelledDatasets.Dataset data, EvaluationReport r, Set<String> unscored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ari", r.ari());
        m.put("nmi", r.nmi());
        m.put("homogeneity", r.homogeneity());
        m.put("completeness", r.completeness());
        m.put("clusters", r.clusters());
        m.put("noise_share", r.noiseShare());
        m.put("knngr", r.knngr());
        m.put("knngr_std", r.knngrStd());
        m.put("knngr_k", r.knngrK());
        m.put("dataset", r.dataset());
        m.put("format", data.format().cliName());
        m.put("label", data.label());
        m.put("source", data.source().toString());
        m.put("posts", r.posts());
        m.put("scored_posts", r.scoredPosts());
        m.put("labels", r.labels());
        m.put("unscored_labels", new TreeSet<>(unscored));
        m.put("rejected", r.rejected());
        m.put("duplicate_groups", r.duplicateGroups());
        m.put("model", r.model().name());
        m.put("model_sha256", r.model().sha256());
        m.put("parameters", new LinkedHashMap<>(r.parameters()));
        m.put("embed_seconds", round(r.embedSeconds()));
        m.put("seconds", round(r.seconds()));
        return m;
    }

    private static void printTable(PrintWriter out, LabelledDatasets.Dataset data, EvaluationReport r,
                                   Map<String, Object> figures) {
        out.printf("Evaluation of %s (%s, label = %s): %d posts, %d scored in %d labels%s%n", r.dataset(),
                data.format().cliName(), data.label(), r.posts(), r.scoredPosts(), r.labels(),
                r.rejected() > 0 ? ", " + r.rejected() + " not embeddable" : "");
        if (!((java.util.Collection<?>) figures.get("unscored_labels")).isEmpty()) {
            out.printf("Not scored (clustered only): label %s%n", figures.get("unscored_labels"));
        }
        out.println();
        row(out, "ARI", "%.4f", r.ari());
        row(out, "NMI", "%.4f", r.nmi());
        row(out, "Homogeneity", "%.4f", r.homogeneity());
        row(out, "Completeness", "%.4f", r.completeness());
        row(out, "Clusters found", "%d", r.clusters());
        row(out, "Noise share", "%.1f%%", 100 * r.noiseShare());
        if (r.knngr() != null) {
            row(out, "KNNGR", "%s", String.format(Locale.ROOT, "%.2f%% +- %.2f (k = %d)", 100 * r.knngr(),
                    100 * r.knngrStd(), r.knngrK()));
        } else {
            row(out, "KNNGR", "%s", "n/a (fewer than 4 scored posts)");
        }
        row(out, "Duplicate groups", "%d", r.duplicateGroups());
        out.println();
        out.printf("Model %s (sha256 %s)%n", r.model().name(), r.model().sha256());
        out.printf("Clustering %s%n", r.parameters());
        out.printf("Noise posts count as clusters of their own in ARI/NMI. Took %.1f s (embedding %.1f s).%n",
                r.seconds(), r.embedSeconds());
    }

    private static void row(PrintWriter out, String name, String format, Object value) {
        out.printf(Locale.ROOT, "  %-18s " + format + "%n", name, value);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
