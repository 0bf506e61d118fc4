package org.sitroom.testing;

import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.sitroom.SitroomApplication;
import org.sitroom.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of every {@code *IT}: the whole app on a random port with a temporary data folder and one test user per
 * role, one headless Chromium per test class, and a screenshot in {@code target/screenshots/} when a test fails.
 *
 * <p>The app runs as a new user gets it: the real engine on the replayed demo. The replay starts 61 h into the
 * recording (later than the app's default, so the demo's adversarial posts up to hour 61 are in) and then plays at 6x
 * (a post every 15 s or so, which the live-update test watches arrive). Every IT shares these properties, so they
 * share one Spring context and the demo is ingested once (a class that needs another replay declares its own
 * {@code @TestPropertySource}, which wins over these). Each class waits until the demo has narratives.
 */
@SpringBootTest(classes = SitroomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"sitroom.ingest.demo.head-start=61h", "sitroom.ingest.demo.speed=6"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BrowserTestBase.ScreenshotOnFailure.class)
public abstract class BrowserTestBase {

    @LocalServerPort
    protected int port;

    protected Browser browser;

    @DynamicPropertySource
    static void sitroomProperties(DynamicPropertyRegistry registry) {
        String data = TempDataFolder.fresh().toString(); // one folder per context: each holds its own index
        registry.add("sitroom.data", () -> data);
        registry.add("sitroom.security.users-file", () -> TestUsers.file().toString());
    }

    /** The demo's situation, as the built-in catalogue names it. */
    protected static final String DEMO = "naval-encounter";

    @BeforeAll
    void awaitDemoNarratives() {
        Api api = new Api(port);
        // The first start embeds, indexes and clusters about 2,600 posts: well under a minute on two quiet cores.
        awaitNonEmpty(api, "the replayed demo's first narratives", () -> "/narratives");
        // And the whole back-dated head start is in: posts arrive in time order, so once the last half hour has
        // posts, everything before it has arrived too.
        awaitNonEmpty(api, "the replayed demo's head start",
                () -> "/posts?limit=1&from=" + java.time.Instant.now().minus(Duration.ofMinutes(30)));
    }

    /** Waits (up to 5 minutes) until the demo situation's API {@code path} answers 200 with a non-empty list. */
    private static void awaitNonEmpty(Api api, String what, java.util.function.Supplier<String> path) {
        Awaitility.await(what).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    var response = api.get("/api/situations/" + DEMO + path.get(), Role.VIEWER);
                    return response.statusCode() == 200 && Api.json(response).size() > 0;
                });
    }

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = new Browser(port);
        }
        // Each test starts signed out, on a clean slate.
        browser.driver().manage().deleteAllCookies();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Saves the page as it looked when a test failed. */
    static class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getTestInstance().filter(BrowserTestBase.class::isInstance).map(BrowserTestBase.class::cast)
                    .flatMap(t -> Optional.ofNullable(t.browser))
                    .ifPresent(b -> {
                        try {
                            b.screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                                    + context.getRequiredTestMethod().getName());
                        } catch (RuntimeException ignored) {
                            // the browser may be what failed; the test's own error says more
                        }
                    });
        }
    }
}
