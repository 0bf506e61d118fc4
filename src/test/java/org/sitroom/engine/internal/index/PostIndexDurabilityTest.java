package org.sitroom.engine.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sitroom.engine.internal.index.TestPosts.post;
import static org.sitroom.engine.internal.index.TestPosts.randomUnit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a crash: exactly the committed posts, once each, with the commit's user data. */
class PostIndexDurabilityTest {

    private static final String SIT = "s1";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private final Random rnd = new Random(7);

    private List<PostRecord> batch(int from, int to) {
        List<PostRecord> posts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            posts.add(post(SIT, "p" + i, "en", T0.plusSeconds(i), "post number " + i, randomUnit(rnd)));
        }
        return posts;
    }

    @Test
    void closeWithoutCommitKeepsExactlyTheCommittedPosts() throws Exception {
        Path folder = dir.resolve("index");
        try (PostIndex index = new PostIndex(folder)) {
            assertThat(index.lastCommitData()).isEmpty();
            index.add(batch(0, 100));
            index.commit(Map.of("cursor", "100"));
            index.add(batch(100, 150));
            index.setNarratives(Map.of("x:p0", 5L));
            assertThat(index.count(SIT)).isEqualTo(150); // visible before commit (near-real-time)
        } // no commit: as if the process died here

        try (PostIndex index = new PostIndex(folder)) {
            assertThat(index.lastCommitData()).isEqualTo(Map.of("cursor", "100"));
            assertThat(index.count(SIT)).isEqualTo(100);
            assertThat(index.exists(List.of("x:p99", "x:p100"))).containsExactly("x:p99");
            assertThat(index.get("x:p0").orElseThrow().narrativeId()).isNull();

            // Replaying from the cursor, with an overlap, does not duplicate anything.
            index.add(batch(90, 150));
            index.add(batch(90, 150));
            index.commit(Map.of("cursor", "150"));
            assertThat(index.count(SIT)).isEqualTo(150);
            assertThat(index.search(SIT, "95", PostFilter.NONE, 10)).extracting(PostHit::id).containsExactly("x:p95");
        }
        try (PostIndex index = new PostIndex(folder)) {
            assertThat(index.count(SIT)).isEqualTo(150);
            assertThat(index.lastCommitData()).containsEntry("cursor", "150");
        }
    }

    @Test
    void aCopyOfTheFolderTakenMidWriteOpensAtTheLastCommit() throws Exception {
        // A file-level image of the folder while the writer is live, with uncommitted segments already flushed to
        // disk: the closest a test gets to pulling the plug.
        Path folder = dir.resolve("index");
        Path image = dir.resolve("image");
        try (PostIndex index = new PostIndex(folder)) {
            index.add(batch(0, 40));
            index.commit(Map.of("cursor", "40"));
            index.add(batch(40, 80));
            index.add(batch(0, 10)); // re-adds: deletes of committed docs, uncommitted
            assertThat(index.count(SIT)).isEqualTo(80); // forces an NRT flush of uncommitted segments
            copy(folder, image);
            assertThat(Files.list(image).count()).isGreaterThan(Files.list(folder).filter(p -> p
                    .getFileName().toString().startsWith("segments_")).count());
        }
        try (PostIndex recovered = new PostIndex(image)) {
            assertThat(recovered.lastCommitData()).isEqualTo(Map.of("cursor", "40"));
            assertThat(recovered.count(SIT)).isEqualTo(40);
            List<String> ids = new ArrayList<>();
            recovered.forEachPost(SIT, p -> ids.add(p.id()));
            assertThat(ids).hasSize(40).doesNotHaveDuplicates();
            assertThat(recovered.exists(List.of("x:p39", "x:p40"))).containsExactly("x:p39");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
