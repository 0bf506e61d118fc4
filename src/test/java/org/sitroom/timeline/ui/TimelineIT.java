package org.sitroom.timeline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;

/** The timeline in Chromium: an analyst adds a milestone, a viewer sees it but has no edit controls. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimelineIT extends BrowserTestBase {

    private static final String TITLE = "Coast guard statement " + System.nanoTime();

    @Test
    @Order(1)
    void anAnalystAddsAMilestone() {
        browser.signInAs(Role.ANALYST);
        browser.open("/timeline");
        browser.waitFor(By.id("add-milestone")).click();
        browser.waitFor(By.id("milestone-dialog"));
        WebElement title = browser.waitFor(By.cssSelector("#milestone-title input"));
        title.sendKeys(TITLE);
        browser.waitFor(By.cssSelector("#milestone-note textarea")).sendKeys("Says both ships kept to the rules <b>really</b>.");
        browser.waitFor(By.cssSelector("#milestone-link input")).sendKeys("https://example.org/statement", Keys.TAB);
        browser.waitFor(By.id("milestone-save")).click();
        browser.waitUntil(d -> d.findElement(By.id("milestones")).getText().contains(TITLE));
        assertThat(browser.waitFor(By.id("milestones")).getText()).contains("added by analyst")
                .contains("<b>really</b>");
        assertThat(browser.driver().findElements(By.cssSelector("#milestones b"))).isEmpty();
    }

    @Test
    @Order(2)
    void aViewerSeesItButNoEditControls() {
        browser.signInAs(Role.VIEWER);
        browser.open("/timeline");
        browser.waitUntil(d -> d.findElement(By.id("milestones")).getText().contains(TITLE));
        // The demo's own milestones, imported as the replay passed them.
        assertThat(browser.waitFor(By.id("milestones")).getText()).contains("First sighting")
                .contains("Captain's statement");
        assertThat(browser.driver().findElements(By.id("add-milestone"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".edit-milestone"))).isEmpty();
        browser.waitFor(By.cssSelector("#volume-chart svg"));
        assertThat(browser.waitFor(By.id("bursts")).getText()).isNotBlank();
        browser.screenshot("timeline");
    }

    @Test
    @Order(3)
    void clickingAMilestoneListsThePostsAroundIt() {
        browser.signInAs(Role.VIEWER);
        browser.open("/timeline");
        WebElement button = browser.waitFor(By.cssSelector("#milestones .milestone vaadin-button"));
        // Posts keep arriving, so the page redraws its chart; the unchanged milestone list must stay put,
        // or a click that lands during a redraw goes to a button that no longer exists.
        browser.waitForLiveRedrawOf(By.cssSelector("#volume-chart svg"));
        assertThat(button.getText()).as("the milestone button after a live redraw").isEqualTo("Posts around it");
        // The layout scrolls its own content area; bring the button into view as a person would by scrolling.
        browser.script("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        WebElement around = browser.waitFor(By.id("around"));
        browser.waitUntil(d -> around.getText().contains("posts"));
        assertThat(around.getText()).startsWith("Around: ");
    }
}
