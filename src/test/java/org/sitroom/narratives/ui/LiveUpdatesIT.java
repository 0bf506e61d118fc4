package org.sitroom.narratives.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.sitroom.engine.PostsIndexed;
import org.sitroom.engine.StoredPost;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;
import org.sitroom.testing.FakeEngine;
import org.sitroom.testing.FakeSituations;
import org.sitroom.testing.WithFakeEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Live updates in Chromium: posts indexed while the overview is open change its figures through server push,
 * without a reload. Needs the fake engine to inject posts, so unlike the other browser tests it stays on the fake.
 */
@WithFakeEngine
class LiveUpdatesIT extends BrowserTestBase {

    @Autowired
    FakeEngine engine;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void newPostsReachAnOpenOverviewWithoutAReload() {
        browser.signInAs(Role.VIEWER);
        browser.open("/");
        // The total, not the last hour: the demo's clock stands still, so its last hour thins as real time passes.
        int total = Integer.parseInt(browser.waitFor(By.id("figure-total-value")).getText());
        // Marks the page: a reload would lose it.
        browser.script("window.__sameDocument = true");

        Instant now = Instant.now();
        for (int i = 0; i < 25; i++) {
            engine.put(new StoredPost("live:" + i, FakeSituations.DEMO, "live", "@live_" + i, "en",
                    now.minusSeconds(i), "Live post number " + i + " about the Aster", null, 9_000_000L + i, null));
        }
        events.publishEvent(new PostsIndexed(FakeSituations.DEMO, 25, 0, now.minusSeconds(24), now));

        browser.waitUntil(d -> Integer.parseInt(d.findElement(By.id("figure-total-value")).getText()) == total + 25);
        assertThat(Integer.parseInt(browser.waitFor(By.id("figure-posts-last-hour-value")).getText())).isGreaterThanOrEqualTo(25);
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
    }
}
