package org.sitroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.engine.Evaluation;
import org.sitroom.engine.EvaluationReport;
import org.sitroom.engine.LabelledText;
import org.sitroom.engine.ModelIdentity;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sitroom eval} on small files: bad input ends with a message and exit code 2, good input is evaluated. */
class EvalCommandTest {

    @TempDir
    Path dir;

    /** An evaluation that records what it was given and answers fixed figures. */
    private static final class Recording implements Evaluation {
        final List<List<LabelledText>> calls = new ArrayList<>();
        final List<java.util.Set<String>> unscored = new ArrayList<>();

        @Override
        public EvaluationReport evaluate(String dataset, List<LabelledText> posts,
                                         org.sitroom.engine.EvaluationOptions options) {
            calls.add(posts);
            unscored.add(options.unscoredLabels());
            return new EvaluationReport(dataset, posts.size(), posts.size(), 2, 0, posts.size(), 0.5, 0.6, 0.7, 0.8,
                    3, 0.25, 0.3, 0.02, 3, new ModelIdentity("m", 4, "a".repeat(64), "mean", 8),
                    java.util.Map.of("k", "15"), 0.1, 0.2);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Evaluation evaluation, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand(evaluation));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private void assertBadInput(Run run, String... messageParts) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(messageParts);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aCsvWithTextAndLabelIsEvaluatedAndPrintedAsJson() throws IOException {
        Path csv = file("posts.csv", "text,label\n\"Bridge closed, detour via A1\",roads\nShelter open,shelter\n"
                + "Another shelter,shelter\nno label here,\n");
        Recording evaluation = new Recording();
        Run run = run(evaluation, "--dataset", csv.toString(), "--json");
        assertThat(run.code()).as(run.err()).isZero();
        List<LabelledText> posts = evaluation.calls.getFirst();
        assertThat(posts).extracting(LabelledText::text).containsExactly("Bridge closed, detour via A1",
                "Shelter open", "Another shelter", "no label here");
        assertThat(posts).extracting(LabelledText::label).containsExactly("roads", "shelter", "shelter", null);
        assertThat(posts).extracting(LabelledText::id).doesNotHaveDuplicates();
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        for (String key : List.of("ari", "nmi", "homogeneity", "completeness", "clusters", "noise_share", "knngr",
                "knngr_std", "posts", "model_sha256", "parameters")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("ari").asDouble()).isEqualTo(0.5);
        assertThat(json.get("format").asString()).isEqualTo("csv");
    }

    @Test
    void withoutJsonATableIsPrinted() throws IOException {
        Path csv = file("t.csv", "id,text,label\n1,a b c,x\n2,d e f,y\n");
        Run run = run(new Recording(), "--dataset", csv.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("ARI", "0.5000", "NMI", "KNNGR", "30.00% +- 2.00 (k = 3)", "Noise share", "25.0%");
    }

    @Test
    void configurableColumnsAndUnscoredLabels() throws IOException {
        Path csv = file("c.csv", "post,body,narrative\na,one,n1\nb,two,n2\nc,three,other\n");
        Recording evaluation = new Recording();
        Run run = run(evaluation, "--dataset", csv.toString(), "--text-column", "BODY", "--label-column",
                "narrative", "--id-column", "post", "--unscored-label", "other");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(evaluation.calls.getFirst()).extracting(LabelledText::id).containsExactly("a", "b", "c");
        assertThat(evaluation.unscored.getFirst()).containsExactly("other");
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThatExist() throws IOException {
        Path csv = file("nolabel.csv", "id,text\n1,hello\n2,world\n");
        assertBadInput(run(new Recording(), "--dataset", csv.toString()), "no label column 'label'", "id, text");
        Path tsv = file("posts.txt", "post_id\tpost_text\n1\thello\n");
        assertBadInput(run(new Recording(), "--dataset", tsv.toString(), "--format", "mediaeval"),
                "no image ids column 'image_id(s)'");
    }

    @Test
    void unknownFormatOrLabelIsRefused() throws IOException {
        Path csv = file("ok.csv", "text,label\na,x\nb,y\n");
        assertBadInput(run(new Recording(), "--dataset", csv.toString(), "--format", "xml"),
                "unknown format 'xml'", "papyer, mediaeval, crisislex or csv");
        assertBadInput(run(new Recording(), "--dataset", csv.toString(), "--format", "mediaeval", "--label", "author"),
                "unknown label 'author' for format mediaeval", "claim or event");
        assertBadInput(run(new Recording(), "--dataset", csv.toString(), "--label", "event"),
                "unknown label 'event' for format csv", "--label-column");
        Path other = file("data.json", "{}");
        assertBadInput(run(new Recording(), "--dataset", other.toString()), "cannot tell the format", "--format");
    }

    @Test
    void repeatedIdsAreRefusedWithBothLines() throws IOException {
        Path csv = file("dup.csv", "id,text,label\n7,one,a\n8,two,b\n7,three,a\n");
        assertBadInput(run(new Recording(), "--dataset", csv.toString()), "line 4: duplicate id '7' (also on line 2)");
        Path papyer = file("papyer.csv", "id,label,text\n0,1,a\n0,2,b\n");
        assertBadInput(run(new Recording(), "--dataset", papyer.toString(), "--format", "papyer"), "duplicate id '0'");
    }

    @Test
    void noneOrOnePostIsNotEnough() throws IOException {
        Recording evaluation = new Recording();
        assertBadInput(run(evaluation, "--dataset", file("empty.csv", "").toString()), "is empty");
        assertBadInput(run(evaluation, "--dataset", file("header.csv", "text,label\n").toString()),
                "holds 0 post(s)", "at least 2");
        assertBadInput(run(evaluation, "--dataset", file("one.csv", "text,label\nonly,x\n").toString()),
                "holds 1 post(s)");
        assertThat(evaluation.calls).isEmpty();
    }

    @Test
    void missingFilesBrokenCsvAndEngineRefusalsAreBadInput() throws IOException {
        assertBadInput(run(new Recording(), "--dataset", dir.resolve("nope.csv").toString()), "dataset not found");
        assertBadInput(run(new Recording(), "--dataset", "papyer", "--datasets", dir.resolve("none").toString()),
                "dataset 'papyer' not found", "--datasets");
        Path broken = file("broken.csv", "text,label\n\"never closed,x\nnext,y\n");
        assertBadInput(run(new Recording(), "--dataset", broken.toString()), "broken.csv line 2", "cannot be read as CSV");
        Path shortRow = file("short.csv", "id,text,label\n1,a,x\n2,b\n");
        assertBadInput(run(new Recording(), "--dataset", shortRow.toString()), "line 3: 2 fields");
        Files.write(dir.resolve("latin1.csv"), new byte[] {'t', 'e', 'x', 't', ',', 'l', 'a', 'b', 'e', 'l', '\n',
                'c', 'a', 'f', (byte) 0xE9, ',', 'x', '\n'});
        assertBadInput(run(new Recording(), "--dataset", dir.resolve("latin1.csv").toString()), "not valid UTF-8");
        Evaluation refusing = (name, posts, options) -> {
            throw new IllegalArgumentException("only 1 of 2 posts could be embedded");
        };
        assertBadInput(run(refusing, "--dataset", file("two.csv", "text,label\na,x\nb,y\n").toString()),
                "only 1 of 2 posts could be embedded");
        assertBadInput(run(new Recording(), "--dataset", file("s.csv", "text,label\na,x\nb,y\n").toString(),
                "--splits", "0"), "--splits must be at least 1");
    }

    @Test
    void aMissingDatasetOptionIsAUsageError() {
        Run run = run(new Recording());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--dataset=FILE_OR_NAME'");
    }

    @Test
    void mediaEvalLabelsAreTheFirstImageIdOrItsEvent() throws Exception {
        Path tsv = file("posts.txt", "post_id\tpost_text\tuser_id\timage_id(s)\tusername\ttimestamp\tlabel\n"
                + "1\tShark on the highway \"real\"\t9\tsandy_fake_29,sandy_fake_30\tu\tMon Oct 29 2012\tfake\n"
                + "2\tBoy under fire\t9\tsyrianboy_1\tu\tx\tfake\n"
                + "3\tno image\t9\t\tu\tx\treal\n");
        Recording evaluation = new Recording();
        assertThat(run(evaluation, "--dataset", tsv.toString(), "--format", "mediaeval").code()).isZero();
        assertThat(run(evaluation, "--dataset", tsv.toString(), "--format", "MediaEval", "--label", "event").code())
                .isZero();
        assertThat(evaluation.calls.get(0)).extracting(LabelledText::label)
                .containsExactly("sandy_fake_29", "syrianboy_1", null);
        assertThat(evaluation.calls.get(1)).extracting(LabelledText::label).containsExactly("sandy", "syrianboy", null);
        assertThat(evaluation.calls.get(0).getFirst().text()).isEqualTo("Shark on the highway \"real\"");
    }

    @Test
    void crisisLexEventsAreTheirFolders() throws Exception {
        file("T26/2013_Flood/2013_Flood-tweets_labeled.csv", "Tweet ID, Tweet Text, Informativeness\n"
                + "\"11\",\"Water rising, stay away\",Related\n\"12\",\"Roads closed\",Related\n");
        file("T26/2013_Quake/2013_Quake-tweets_labeled.csv", "Tweet ID, Tweet Text, Informativeness\n"
                + "\"11\",\"Shaking felt downtown\",Related\n");
        Recording evaluation = new Recording();
        Run run = run(evaluation, "--dataset", dir.resolve("T26").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(evaluation.calls.getFirst()).extracting(LabelledText::id)
                .containsExactly("2013_Flood/11", "2013_Flood/12", "2013_Quake/11");
        assertThat(evaluation.calls.getFirst()).extracting(LabelledText::label)
                .containsExactly("2013_Flood", "2013_Flood", "2013_Quake");
        file("T26/2013_Quake/more-tweets_labeled.csv", "Tweet ID, Tweet Text\n\"5\",\"a\"\n\"5\",\"b\"\n");
        assertBadInput(run(new Recording(), "--dataset", dir.resolve("T26").toString()), "duplicate id '5'");
        assertBadInput(run(new Recording(), "--dataset", file("none/readme.txt", "x").getParent().toString()),
                "no CrisisLex");
    }
}
