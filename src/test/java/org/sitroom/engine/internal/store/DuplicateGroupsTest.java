package org.sitroom.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.testing.FixedEmbeddings;

/** Evaluation groups duplicates with the store's own rule: the groups of a first batch are the store's groups. */
class DuplicateGroupsTest {

    private static final List<String> TEXTS = List.of(
            "Flooding closes the Main Street bridge #flood http://t.co/abc",
            "RT @news: Flooding closes the Main Street bridge #flood http://t.co/xyz",
            "Flooding closes the Main Street bridge! #flood #breaking",
            "The Main Street bridge is open again after the flood",
            "Stay safe everyone, shelters open at the high school",
            "stay safe everyone - shelters open at the HIGH SCHOOL",
            "Power is out across the east side of town",
            "http://t.co/only-a-link",
            "http://t.co/another-link");

    @Test
    void anEvaluationGroupsLikeTheStoreDoesForANewSituation(@TempDir Path dir) throws Exception {
        List<NewPost> posts = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            posts.add(new NewPost("flood", "test", "p" + i, "a" + i, "en", Instant.parse("2026-01-01T00:00:00Z"),
                    TEXTS.get(i), null));
        }
        long[] evaluation = DuplicateGroups.ofNewSituation("flood", TEXTS);
        try (PostIndex index = new PostIndex(dir)) {
            EngineStore store = new EngineStore(index, FixedEmbeddings.hashed(16), ClusteringSettings.defaults(),
                    Clock.systemUTC(), e -> { });
            store.add(posts);
            for (int i = 0; i < posts.size(); i++) {
                assertThat(store.get(posts.get(i).id()).orElseThrow().duplicateGroup()).as("post %d", i)
                        .isEqualTo(evaluation[i]);
            }
        }
        // The rule itself: a retweet and a copy with changed punctuation join their original; other texts do not.
        assertThat(evaluation[1]).isEqualTo(evaluation[0]);
        assertThat(evaluation[5]).isEqualTo(evaluation[4]);
        assertThat(evaluation[3]).isNotEqualTo(evaluation[0]);
        assertThat(evaluation[6]).isNotEqualTo(evaluation[4]);
        assertThat(java.util.Arrays.stream(evaluation).distinct().count()).isBetween(5L, 7L);
    }
}
