package org.sitroom.testing;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.sitroom.SitroomApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every {@code *IT}: the whole app on a random port with a temporary data folder and one test user per
 * role, one headless Chromium per test class, and a screenshot in {@code target/screenshots/} when a test fails.
 */
@SpringBootTest(classes = SitroomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
