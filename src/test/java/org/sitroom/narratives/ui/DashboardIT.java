package org.sitroom.narratives.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;

/**
 * The overview and the narratives in Chromium: figures, the growth chart whose bands open their narrative, the
 * narrative's detail, the narratives grid, on the replayed demo with the real engine.
 */
class DashboardIT extends BrowserTestBase {

    @Test
    void overviewShowsFiguresAndAGrowthChartWhoseBandsOpenTheirNarrative() {
        browser.signInAs(Role.VIEWER);
        browser.open("/");
        browser.waitFor(By.id("view-overview"));
        String posts = browser.waitFor(By.id("figure-posts-last-hour-value")).getText();
        assertThat(posts).matches("\\d+");
        assertThat(browser.waitFor(By.id("figure-active-value")).getText()).matches("\\d+");
        assertThat(browser.waitFor(By.id("zone-label")).getText()).startsWith("Times in ");

        WebElement band = browser.waitFor(By.cssSelector("#growth-chart svg path.chart-hit[data-key]"));
        List<WebElement> legend = browser.driver().findElements(By.cssSelector("#growth-chart-legend [data-narrative]"));
        assertThat(legend).isNotEmpty();
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#emerging-list > *")).isEmpty());
        browser.screenshot("overview");

        String key = band.getAttribute("data-key");
        // A click on the band as a person makes it: the event lands on the path and bubbles to the chart.
        browser.script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", band);
        browser.waitUntil(d -> d.getCurrentUrl().contains("/narratives/" + key));
        String title = browser.waitFor(By.id("narrative-title")).getText();
        assertThat(title).isNotBlank();
        String legendTitle = legendLabel(key);
        assertThat(legendTitle).startsWith(title);
    }

    /**
     * Posts keep arriving, so the overview redraws its chart; a legend entry that still names the same narrative must
     * stay the same element, or a click landing during a redraw would go to an entry that no longer exists.
     */
    @Test
    void legendEntriesStayPutWhileTheChartRedrawsLive() {
        browser.signInAs(Role.VIEWER);
        browser.open("/");
        WebElement entry = browser.waitFor(By.cssSelector("#growth-chart-legend [data-narrative]"));
        browser.waitForLiveRedrawOf(By.cssSelector("#growth-chart svg"));
        String key = entry.getAttribute("data-narrative"); // fails if the entry was replaced by the redraw
        entry.click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/narratives/" + key));
    }

    private String legendLabel(String key) {
        browser.open("/");
        return browser.waitFor(By.cssSelector("#growth-chart-legend [data-narrative='" + key + "']")).getText();
    }

    @Test
    void aNarrativesDetailShowsWhatItSaysHowItGrewAndAllItsPosts() {
        browser.signInAs(Role.VIEWER);
        browser.open("/narratives");
        WebElement grid = browser.waitFor(By.id("narratives-grid"));
        browser.waitUntil(d -> !grid.findElements(By.cssSelector("vaadin-grid-cell-content")).isEmpty()
                && grid.getText().contains("Theme"));
        assertThat(browser.waitFor(By.id("narrative-count")).getText()).matches("\\d+ narratives");
        browser.screenshot("narratives");

        // The biggest narrative is the first row (sorted by posts, descending); open it.
        WebElement firstTitle = browser.waitFor(By.cssSelector("#narratives-grid vaadin-grid-cell-content span span:last-child"));
        String title = firstTitle.getText();
        firstTitle.click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/narratives/"));
        assertThat(browser.waitFor(By.id("narrative-title")).getText()).isEqualTo(title);
        assertThat(browser.waitFor(By.id("narrative-keywords")).getText()).isNotBlank();
        browser.waitFor(By.cssSelector("#narrative-growth svg path.chart-hit"));
        assertThat(browser.driver().findElements(By.cssSelector("#representative-posts .post-card"))).isNotEmpty();
        assertThat(browser.waitFor(By.id("sources-breakdown")).getText()).isNotBlank();
        WebElement posts = browser.waitFor(By.id("narrative-posts"));
        browser.waitUntil(d -> posts.findElements(By.cssSelector("vaadin-grid-cell-content")).size() > 5);
        browser.screenshot("narrative");
    }

    @Test
    void filteringTheGridByTextNarrowsIt() {
        browser.signInAs(Role.VIEWER);
        browser.open("/narratives");
        String all = browser.waitFor(By.id("narrative-count")).getText();
        WebElement text = browser.waitFor(By.cssSelector("#narrative-filter-text input"));
        text.sendKeys("zzzz-no-such-keyword");
        browser.waitUntil(d -> d.findElement(By.id("narrative-count")).getText().startsWith("0 of "));
        assertThat(all).matches("\\d+ narratives");
    }

    @Test
    void theChartHasATableBehindIt() {
        browser.signInAs(Role.VIEWER);
        browser.open("/");
        browser.waitFor(By.cssSelector("#growth-chart svg"));
        browser.waitFor(By.cssSelector("#growth-chart .chart-table-toggle")).click();
        // Rows and header read from one table in one go: the live chart redraws its table as posts arrive, and a
        // table found a moment ago may be gone (stale) by the next read; the wait then reads the new one.
        TableSeen seen = browser.waitUntil(d -> {
            WebElement table = d.findElement(By.cssSelector("#growth-chart .data-table table"));
            return new TableSeen(table.findElements(By.cssSelector("tbody tr")).size(),
                    table.findElement(By.cssSelector("thead th")).getText());
        });
        assertThat(seen.rows()).isGreaterThan(3);
        assertThat(seen.header()).startsWith("Hour (");
    }

    private record TableSeen(int rows, String header) {
    }
}
