package org.sitroom.engine.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.EmbeddingSettings;

/**
 * Loading ONNX Runtime 1.29.0 needs about 7 MB of stack: on a plain {@code java} main thread (1 MB) it died with
 * SIGSEGV, while inside Surefire it happened to survive. This starts a fresh JVM with default stacks, as
 * {@code java -jar} does, and embeds one text.
 */
class PlainJvmStartTest {

    @Test
    void theEngineStartsFromAPlainMainThread() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xss1m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("embedded 384");
    }

    /** Runs in the child JVM. */
    public static final class Main {
        public static void main(String[] args) {
            try (OnnxEmbedder engine = OnnxEmbedder.open(EmbeddingSettings.defaults().withSessions(1, 1))) {
                System.out.println("embedded " + engine.embed(List.of("hello from a plain JVM")).vector(0).length);
            }
        }
    }

}
