package org.sitroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.SitroomApplication;

/**
 * {@code sitroom eval} through the real entry: Spring starts without the web server, the command is found as a bean,
 * bad input ends with exit code 2 and a message, good input is evaluated.
 */
class CliEvalIntegrationTest {

    @Test
    void evalRunsInTheCommandLineContext(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("posts.csv");
        StringBuilder content = new StringBuilder("text,label\n");
        for (int i = 0; i < 12; i++) {
            content.append(i % 2 == 0 ? "The bridge on Main Street is closed after the flood " + i + ",roads\n"
                    : "Shelters are open at the high school tonight " + i + ",shelter\n");
        }
        Files.writeString(csv, content);
        Path data = dir.resolve("data");
        String[] spring = {"--sitroom.data=" + data};

        Captured bad = capture(() -> Cli.run(SitroomApplication.class,
                new String[] {"eval", "--dataset", csv.toString(), "--format", "xml"}, spring));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("sitroom eval: unknown format 'xml'").doesNotContain("\tat ");

        Captured good = capture(() -> Cli.run(SitroomApplication.class,
                new String[] {"eval", "--dataset", csv.toString(), "--json"}, spring));
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("\"ari\"", "\"knngr\"", "\"posts\" : 12");
        // The libraries' start-up warnings stay off standard output, which scripts parse (other contexts of this
        // test JVM may still log there, so the check names the eval context's own noise).
        assertThat(good.out()).doesNotContain("ai.djl.util.cuda").doesNotContain("o.f.c.internal.database");
    }

    private record Captured(int code, String out, String err) {
    }

    private static Captured capture(java.util.function.IntSupplier run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = run.getAsInt();
            return new Captured(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
