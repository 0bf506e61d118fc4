package org.sitroom.engine.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.sitroom.engine.EmbeddingSettings;

/**
 * A JVM that exits while its engine is embedding must exit cleanly. ONNX Runtime's Java binding releases its native
 * environment in a JVM shutdown hook, and shutdown hooks run concurrently: Surefire's fork and the app both exit with
 * Spring contexts still ingesting, and CI saw the fork die (SIGSEGV in libonnxruntime, later "Aborted") after all its
 * tests had passed. Each child here embeds on two sessions from two threads, holds shutdown open for a moment as
 * Spring's context-closing hook does, and exits mid-batch.
 */
class ExitWhileEmbeddingTest {

    private static final int CHILDREN = 4;

    @Test
    void aJvmExitingMidBatchExitsCleanly() throws Exception {
        for (int child = 0; child < CHILDREN; child++) {
            assertThat(runChild(Main.class, String.valueOf(child * 37))).contains("exiting while embedding");
        }
    }

    /**
     * The mechanism behind the crash, made deterministic: after ORT's own hook has run, the environment must still
     * work. Without {@link EnvironmentPin} the session created here lands on a freed environment and the child dies.
     */
    @Test
    void theEnvironmentOutlivesOnnxRuntimesShutdownHook() throws Exception {
        assertThat(runChild(SessionDuringShutdown.class)).contains("session created during shutdown");
    }

    private static String runChild(Class<?> main, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // glibc fills freed memory with this byte, so native code that uses memory after it was freed fails at once
        // instead of only when the allocator happens to hand it out again (as in a long CI run)
        builder.environment().put("MALLOC_PERTURB_", "165");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s %s exited with:%n%s", main.getSimpleName(), List.of(args), output).isZero();
        return output;
    }

    /** Runs in the child JVM: creates a session from a shutdown hook that runs after ORT's hook. */
    public static final class SessionDuringShutdown {
        public static void main(String[] args) {
            OrtEnvironment env = ModelRunner.environment();
            byte[] model = ModelFiles.builtIn().onnx();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(500); // ORT's hook, started at the same moment, has released its reference by now
                    try (OrtSession session = env.createSession(model)) {
                        System.out.println("session created during shutdown: " + session.getInputNames());
                    }
                } catch (Exception e) {
                    System.out.println("no session during shutdown: " + e);
                    Runtime.getRuntime().halt(3);
                }
            }));
            System.exit(0);
        }
    }

    /** Runs in the child JVM; its argument is how many milliseconds to embed before exiting. */
    public static final class Main {
        public static void main(String[] args) throws InterruptedException {
            OnnxEmbedder engine = OnnxEmbedder.open(EmbeddingSettings.defaults().withCacheSize(0).withSessions(2, 1));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(300); // like Spring closing its contexts while other hooks run
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            CountDownLatch firstBatches = new CountDownLatch(2);
            for (int caller = 0; caller < 2; caller++) {
                int seed = caller;
                Thread.ofPlatform().daemon().start(() -> {
                    for (int round = 0; ; round++) {
                        List<String> texts = new ArrayList<>();
                        for (int i = 0; i < 64; i++) {
                            texts.add("post " + seed + "/" + round + "/" + i + " the other side provoked the encounter "
                                    + "at sea, and the ministry denies every word of it");
                        }
                        try {
                            engine.embed(texts);
                        } catch (IllegalStateException closed) {
                            return;
                        }
                        firstBatches.countDown();
                    }
                });
            }
            firstBatches.await();
            Thread.sleep(Long.parseLong(args[0]));
            System.out.println("exiting while embedding");
            System.exit(0);
        }
    }
}
