package org.sitroom.security;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Repeated wrong passwords pause sign-in, even with the right password, and look the same for unknown names. */
@SpringBootTest(classes = SitroomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sitroom.security.login-throttle.max-failures=3")
class LoginThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String data = TempDataFolder.fresh().toString(); // one folder per context: each holds its own index
        registry.add("sitroom.data", () -> data);
        registry.add("sitroom.security.users-file", () -> TestUsers.file().toString());
    }

    private HttpResponse<String> me(String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void threeFailuresLockTheUserAndTheAnswerNeverChanges() throws Exception {
        String right = TestUsers.password(Role.ANALYST);
        assertThat(me("analyst", right).statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = me("analyst", "wrong");
        HttpResponse<String> unknown = me("nobody", "wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        me("analyst", "wrong-again");
        me("analyst", "and-again");
        assertThat(me("analyst", right).statusCode()).as("locked after three failures").isEqualTo(401);
    }
}
