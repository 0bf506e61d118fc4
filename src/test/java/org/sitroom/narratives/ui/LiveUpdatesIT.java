package org.sitroom.narratives.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;
import org.springframework.test.context.TestPropertySource;

/**
 * Live updates in Chromium, against a replay that is still unfolding: it starts 40 h into the demo (before the AI-fake
 * narrative is born at 44.6 h and the leaked-audio burst at 45 h) and plays one recorded hour every 30 s, with a
 * recluster every 100 posts. Open pages must follow by server push, without a reload.
 */
@TestPropertySource(properties = {"sitroom.ingest.demo.head-start=40h", "sitroom.ingest.demo.speed=120",
        "sitroom.engine.clustering.recluster-every-posts=100"})
class LiveUpdatesIT extends BrowserTestBase {

    private static final Duration UNFOLDING = Duration.ofMinutes(6);

    @Test
    void theOverviewsNarrativeCountAndPostsGrowWithoutAReload() {
        browser.signInAs(Role.VIEWER);
        browser.open("/");
        // Read through waits: the figures may be redrawn (live) between finding and reading them.
        int narratives = browser.waitUntil(d -> figure(d, "figure-active-value"));
        int total = browser.waitUntil(d -> figure(d, "figure-total-value"));
        // Marks the page: a reload would lose it.
        browser.script("window.__sameDocument = true");

        browser.waitUntil(UNFOLDING, d -> figure(d, "figure-total-value") > total);
        browser.waitUntil(UNFOLDING, d -> figure(d, "figure-active-value") > narratives);
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
    }

    @Test
    void aNarrativesHourlyCountGrowsWithoutAReload() {
        browser.signInAs(Role.VIEWER);
        browser.open("/narratives");
        // The biggest narrative (first row) gets posts all the time.
        browser.waitFor(By.cssSelector("#narratives-grid vaadin-grid-cell-content span span:last-child")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/narratives/"));
        browser.waitFor(By.cssSelector("#narrative-growth .chart-table-toggle")).click();
        List<String> before = browser.waitUntil(this::lastRow);
        browser.script("window.__sameDocument = true");

        // The hour that was last gets more posts, or a later hour appears with posts in it.
        browser.waitUntil(UNFOLDING, d -> {
            List<String> now = lastRow(d);
            return now.getFirst().equals(before.getFirst())
                    ? Integer.parseInt(now.getLast()) > Integer.parseInt(before.getLast())
                    : Integer.parseInt(now.getLast()) > 0;
        });
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
    }

    private static int figure(WebDriver driver, String id) {
        return Integer.parseInt(driver.findElement(By.id(id)).getText().strip());
    }

    /** The growth table's last row: its hour, then its count. */
    private List<String> lastRow(WebDriver driver) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#narrative-growth .data-table tbody tr"));
        if (rows.isEmpty()) {
            return List.of("", "0");
        }
        List<WebElement> cells = rows.getLast().findElements(By.cssSelector("th, td"));
        return List.of(cells.getFirst().getText(), cells.getLast().getText().replace(",", "").strip());
    }
}
