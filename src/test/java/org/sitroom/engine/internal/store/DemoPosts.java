package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sitroom.engine.NewPost;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo event's posts (fixtures/demo), with their ground-truth narrative, as the engine receives them. */
record DemoPosts(List<NewPost> posts, List<String> truth) {

    static DemoPosts load(String situation, int limit) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<NewPost> posts = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("fixtures", "demo", "naval-encounter.jsonl"))) {
            if (posts.size() == limit) {
                break;
            }
            JsonNode n = json.readTree(line);
            posts.add(new NewPost(situation, n.get("source").asString(), n.get("id").asString(), n.get("author").asString(),
                    n.get("lang").asString(), Instant.parse(n.get("time").asString()), n.get("text").asString(), null));
            truth.add(n.get("narrative").asString());
        }
        return new DemoPosts(posts, truth);
    }
}
