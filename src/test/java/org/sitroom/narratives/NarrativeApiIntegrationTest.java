package org.sitroom.narratives;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sitroom.SitroomApplication;
import org.sitroom.security.Role;
import org.sitroom.testing.Api;
import org.sitroom.testing.FakeSituations;
import org.sitroom.testing.TempDataFolder;
import org.sitroom.testing.TestUsers;
import org.sitroom.testing.WithFakeEngine;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The REST API over HTTP with the fake engine: shapes, filters, 400s and 404s, the OpenAPI description's door. */
@SpringBootTest(classes = SitroomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithFakeEngine
class NarrativeApiIntegrationTest {

    private static final String S = "/api/situations/" + FakeSituations.DEMO;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String data = TempDataFolder.fresh().toString(); // one folder per context: each holds its own index
        registry.add("sitroom.data", () -> data);
        registry.add("sitroom.security.users-file", () -> TestUsers.file().toString());
    }

    private HttpResponse<String> get(String path) {
        return new Api(port).get(path, Role.VIEWER);
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.propertyNames().forEach(keys::add);
        return keys;
    }

    @Test
    void situationsAreListedWithIdAndName() {
        JsonNode body = Api.json(get("/api/situations"));
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).get("id").asString()).isEqualTo(FakeSituations.DEMO);
        assertThat(keys(body.get(0))).containsExactly("id", "name");
    }

    @Test
    void narrativesHaveExactlyTheDocumentedSnakeCaseKeys() {
        HttpResponse<String> response = get(S + "/narratives");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Api.json(response);
        assertThat(body.size()).isGreaterThanOrEqualTo(10);
        JsonNode first = body.get(0);
        assertThat(keys(first)).containsExactlyInAnyOrder("id", "title", "keywords", "size", "accounts", "languages",
                "first_seen", "last_seen", "velocity", "emerging", "hourly");
        assertThat(first.get("first_seen").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        assertThat(keys(first.get("hourly").get(0))).containsExactly("hour", "count");
        int sum = 0;
        for (JsonNode h : first.get("hourly")) {
            sum += h.get("count").asInt();
        }
        assertThat(sum).isEqualTo(first.get("size").asInt());
        assertThat(first.get("keywords").size()).isGreaterThan(0);
        assertThat(first.get("languages").isArray()).isTrue();
        assertThat(first.get("languages").get(0).asString()).isEqualTo("en");
    }

    @Test
    void postsFilterByNarrativeAndSearchFindsWords() {
        JsonNode some = Api.json(get(S + "/narratives")).get(0);
        String id = some.get("id").asString();
        JsonNode posts = Api.json(get(S + "/posts?narrative=" + id + "&limit=7"));
        assertThat(posts.size()).isEqualTo(7);
        posts.forEach(p -> assertThat(p.get("narrative").asString()).isEqualTo(id));
        assertThat(posts.get(0).get("time").asString()).isGreaterThanOrEqualTo(posts.get(6).get("time").asString());

        JsonNode hits = Api.json(get(S + "/posts?q=staged&limit=5"));
        assertThat(hits.size()).isEqualTo(5);
        hits.forEach(h -> {
            assertThat(h.get("text").asString().toLowerCase()).contains("staged");
            assertThat(h.has("score")).isTrue();
        });
    }

    @Test
    void aTimeWindowIsRespected() {
        JsonNode newest = Api.json(get(S + "/posts?limit=1")).get(0);
        String t = newest.get("time").asString();
        JsonNode before = Api.json(get(S + "/posts?to=" + t + "&limit=1000"));
        before.forEach(p -> assertThat(p.get("time").asString()).isLessThan(t));
        JsonNode from = Api.json(get(S + "/posts?from=" + t));
        assertThat(from.size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnknownSituationIsA404() {
        for (String path : List.of("/api/situations/nope/narratives", "/api/situations/nope/posts",
                "/api/situations/nope/timeline")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(Api.json(response).get("message").asString()).contains("nope");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=-5", "limit=ten", "limit=1.5", "from=yesterday",
            "to=2026-13-01T00:00:00Z", "from=2026-03-14", "from=2026-03-15T00:00:00Z&to=2026-03-14T00:00:00Z"})
    void malformedOrOutOfRangeParametersAre400sThatSayWhy(String query) {
        HttpResponse<String> response = get(S + "/posts?" + query);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Api.json(response);
        assertThat(body.get("message").asString()).containsAnyOf("limit", "from", "to");
        assertThat(response.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(get(S + "/posts?limit=1").statusCode()).isEqualTo(200);
        assertThat(get(S + "/posts?limit=1000").statusCode()).isEqualTo(200);
        assertThat(get(S + "/posts?from=2026-03-14T08:00:00%2B02:00").statusCode()).isEqualTo(200);
    }

    @Test
    void theTimelineHasMilestonesAndBursts() {
        JsonNode body = Api.json(get(S + "/timeline"));
        assertThat(body.get("milestones").size()).isGreaterThanOrEqualTo(3);
        assertThat(keys(body.get("milestones").get(0)))
                .containsExactly("id", "time", "title", "note", "link", "author");
        assertThat(body.get("bursts").size()).isGreaterThanOrEqualTo(2);
        assertThat(keys(body.get("bursts").get(0)))
                .containsExactly("start", "end", "peak", "baseline", "posts", "narrative");
    }

    @Test
    void theOpenApiDescriptionNeedsALoginLikeTheApi() {
        Api api = new Api(port);
        assertThat(api.get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        HttpResponse<String> docs = api.get("/v3/api-docs", Role.VIEWER);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = Api.json(docs).get("paths");
        assertThat(keys(paths)).contains("/api/situations", "/api/situations/{id}/narratives",
                "/api/situations/{id}/posts", "/api/situations/{id}/timeline");
        assertThat(api.get(S + "/narratives", null).statusCode()).isEqualTo(401);
    }
}
