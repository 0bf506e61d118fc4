package org.sitroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under kill -9: a child JVM imports 20,000 posts through the real pipeline (post index, cursor and
 * ingest tables in H2; embeddings by {@link HashEmbeddings} to keep the run short) and is killed with SIGKILL ten
 * times at random points of its batches (while fetching, storing, committing the index or the cursor); each time
 * it is started again on the same data folder. After a final complete run, the store holds every post exactly
 * once: its count equals the number of distinct ids and every id is found.
 */
class CrashRecoveryIntegrationTest {

    private static final int POSTS = 20_000;
    private static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void everyPostIsStoredExactlyOnceAfterTenKills() throws Exception {
        Path file = dir.resolve("posts.jsonl");
        writePosts(file);
        Path data = dir.resolve("data");
        Random random = new Random(Long.getLong("sitroom.crash.seed", System.nanoTime()));
        int killedMidImport = 0;
        List<String> log = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Child child = start("import", data, file, "import-" + kill);
            child.await("READY", 300);
            // A random point: after 1 to 6 batches plus up to two batches' time, wherever the child then is (inside
            // a fetch, a store, an index commit or a cursor write). The delay follows the child's own pace: a fixed
            // 400 ms once let a fast child finish the file before most kills.
            int batches = 1 + random.nextInt(6);
            boolean done = false;
            long firstLine = 0;
            long lastLine = 0;
            for (int b = 0; b < batches && !done; b++) {
                String line = child.next(300);
                done = line == null || line.startsWith("DONE");
                lastLine = System.nanoTime();
                if (b == 0) {
                    firstLine = lastLine;
                }
            }
            long batchMillis = batches > 1 ? (lastLine - firstLine) / 1_000_000 / (batches - 1) : 20;
            Thread.sleep(random.nextLong(1 + Math.min(400, 2 * Math.max(1, batchMillis))));
            boolean finishedFirst = !child.process.isAlive();
            child.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (!done && !finishedFirst) {
                killedMidImport++;
            }
            log.add("kill " + kill + ": after " + batches + " batches, " + child.lastBatch);
        }
        assertThat(killedMidImport).as("kills that hit a running import: %s", log).isGreaterThanOrEqualTo(KILLS / 2);

        // The final, complete run; it then counts what the store holds. (Generous timeouts: on a loaded 2-core
        // machine one child start took a minute.)
        Child last = start("import", data, file, "import-final");
        String done = last.await("DONE", 900);
        assertThat(done).isNotNull();
        String count = last.await("COUNT", 300);
        assertThat(last.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last.process.exitValue()).isZero();
        String[] parts = count.split(" ");
        assertThat(Long.parseLong(parts[3])).isEqualTo(POSTS);
        assertThat(Long.parseLong(parts[2])).as("ids found").isEqualTo(POSTS);
        assertThat(Long.parseLong(parts[1])).as("posts in the store (a duplicate would count twice)").isEqualTo(POSTS);
    }

    private static void writePosts(Path file) throws IOException {
        String[] words = {"ship", "harbour", "storm", "ferry", "navy", "coast", "radar", "captain", "video", "statement",
                "flood", "rescue", "bridge", "power", "market", "school", "train", "fire", "road", "river"};
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Random r = new Random(42);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < POSTS; i++) {
            out.append("{\"id\":\"p").append(i).append("\",\"author\":\"@a").append(r.nextInt(3000))
                    .append("\",\"lang\":\"en\",\"time\":\"").append(t0.plusSeconds(i * 7L)).append("\",\"text\":\"");
            for (int w = 0; w < 6; w++) {
                out.append(words[r.nextInt(words.length)]).append(' ');
            }
            out.append("no ").append(i).append("\"}\n");
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private Child start(String mode, Path data, Path file, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                CrashImportMain.class.getName(), mode, data.toString(), file.toString()))
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        p.getOutputStream().close();
        return new Child(p);
    }

    /** A child and the lines it prints, read on a thread of their own. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile String lastBatch = "no batch";

        Child(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("BATCH")) {
                            lastBatch = line;
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the child was killed mid-line
                } finally {
                    lines.add("EOF");
                }
            });
        }

        /** The next line starting with BATCH or DONE, or null at the end of the output. */
        String next(int seconds) throws InterruptedException {
            while (true) {
                String line = lines.poll(seconds, TimeUnit.SECONDS);
                if (line == null) {
                    throw new IllegalStateException("the child printed nothing for " + seconds + " s");
                }
                if (line.equals("EOF")) {
                    return null;
                }
                if (line.startsWith("BATCH") || line.startsWith("DONE")) {
                    return line;
                }
            }
        }

        /** Waits for a line starting with {@code prefix} and returns it. */
        String await(String prefix, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("EOF")) {
                    break;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new UncheckedIOException(new IOException("the child never printed " + prefix
                    + " (exit " + (process.isAlive() ? "still running" : process.exitValue()) + ")"));
        }
    }
}
