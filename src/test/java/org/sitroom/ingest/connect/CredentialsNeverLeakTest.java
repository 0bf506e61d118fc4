package org.sitroom.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sitroom.ingest.connect.RecordedServer.status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API token goes into its header and nowhere else: not into logs, messages, cursors or toString. */
class CredentialsNeverLeakTest {

    private static final String TOKEN = "s3cr3t-T0KEN-4d1b8c";

    private RecordedServer server;
    private final TestClock clock = new TestClock(HttpTestSupport.NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void start() throws Exception {
        server = new RecordedServer();
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(Level.INFO);
        server.close();
    }

    @Test
    void theTokenIsSentButNeverShown() throws Exception {
        HttpSettings settings = HttpTestSupport.settings(server, clock, sleeper).withCredential(Credential.bearer(TOKEN));
        List<String> seen = new ArrayList<>();
        // Servers that echo what they got (it happens) in error bodies, on every path to a failure.
        server.then(status(500, "upstream rejected Authorization: Bearer " + TOKEN))
                .then(status(503, "still down for " + TOKEN))
                .then(RecordedServer.truncated("mastodon/tag-flood-after-003.json", 50))
                .then(status(502, TOKEN));
        server.then(status(401, "{\"error\":\"The access token " + TOKEN + " is invalid\"}"));
        server.then(status(429, "slow down " + TOKEN).header("Retry-After", "9999"));
        server.then(new RecordedServer.Reply(200, Map.of("Content-Type", "text/html"),
                ("<html>token " + TOKEN + " expired</html>").getBytes(), -1));

        try (var mastodon = MastodonConnector.hashtag("m", settings, "flood")) {
            for (int i = 0; i < 4; i++) {
                try {
                    Batch b = mastodon.fetch(Cursor.START, 10);
                    seen.add(b.next().value());
                } catch (FetchException e) {
                    seen.add(e.getMessage());
                    seen.add(e.toString());
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    seen.add(trace.toString());
                }
            }
        }
        seen.add(settings.toString());
        seen.add(settings.credential().toString());
        for (ILoggingEvent event : logs.list) {
            seen.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }

        assertThat(server.requests()).hasSize(7).allSatisfy(r ->
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(logs.list).isNotEmpty();
        assertThat(seen).hasSizeGreaterThan(12);
        assertThat(String.join("\n", seen)).contains("[redacted]").doesNotContain(TOKEN);
    }

    @Test
    void aCredentialFromTheEnvironmentIsOptional() {
        assertThat(Credential.bearerFromEnv("SITROOM_TEST_VARIABLE_THAT_IS_NOT_SET")).isNull();
    }
}
