package org.sitroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sitroom.SitroomApplication;
import org.sitroom.testing.TempDataFolder;
import org.sitroom.testing.TestUsers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The doors over HTTP: API and actuator need the right user and role; the UI sends strangers to the login page. */
@SpringBootTest(classes = SitroomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String data = TempDataFolder.fresh().toString(); // one folder per context: each holds its own index
        registry.add("sitroom.data", () -> data);
        registry.add("sitroom.security.users-file", () -> TestUsers.file().toString());
    }

    private HttpResponse<String> get(String path, Role as) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (as != null) {
            String credentials = TestUsers.username(as) + ":" + TestUsers.password(as);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousApiRequestIsRefused() throws Exception {
        HttpResponse<String> response = get("/api/me", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void apiAnswersSignedInUsersWithTheirRoles() throws Exception {
        assertThat(get("/api/me", Role.VIEWER).body()).contains("\"username\":\"viewer\"").contains("[\"VIEWER\"]");
        assertThat(get("/api/me", Role.ADMIN).body()).contains("\"ADMIN\",\"ANALYST\",\"VIEWER\"");
    }

    @Test
    void unknownApiPathIsAJson404() throws Exception {
        HttpResponse<String> response = get("/api/no-such-thing", Role.VIEWER);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no API endpoint at /api/no-such-thing");
    }

    @Test
    void anonymousPageRequestGoesToLogin() throws Exception {
        HttpResponse<String> response = get("/", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void healthIsOpenOtherActuatorEndpointsAreForAdmins() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", Role.VIEWER).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", Role.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesRefuseForeignFramingAndKeepTheSessionCookieFromScripts() throws Exception {
        HttpResponse<String> response = get("/login", null);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly"));
    }
}
