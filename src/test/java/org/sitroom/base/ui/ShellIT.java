package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;

/** The signed-in shell in Chromium: each role sees exactly its menu; anonymous users meet the login page. */
class ShellIT extends BrowserTestBase {

    private static final List<String> VIEWER_MENU = List.of("Overview", "Narratives", "Timeline", "Search", "Briefings");
    private static final List<String> ANALYST_MENU =
            List.of("Overview", "Narratives", "Timeline", "Search", "Annotate", "Briefings");
    private static final List<String> ADMIN_MENU =
            List.of("Overview", "Narratives", "Timeline", "Search", "Annotate", "Briefings", "Sources", "Users");

    @Test
    void anonymousVisitorIsSentToTheLoginPage() {
        browser.open("/");
        browser.waitFor(By.id("login-form"));
        assertThat(browser.currentPath()).startsWith("/login");
        browser.screenshot("login");
    }

    @Test
    void viewerSeesExactlyTheReadingMenu() {
        browser.signInAs(Role.VIEWER);
        assertThat(browser.menuTitles()).containsExactlyElementsOf(VIEWER_MENU);
        assertThat(browser.waitFor(By.id("signed-in-user")).getText()).isEqualTo("viewer");
        assertThat(browser.waitFor(By.id("header-clock")).getText()).contains("UTC").contains("local");
        assertThat(browser.waitFor(By.id("situation-name")).getText()).isNotBlank();
    }

    @Test
    void analystAlsoSeesAnnotate() {
        browser.signInAs(Role.ANALYST);
        assertThat(browser.menuTitles()).containsExactlyElementsOf(ANALYST_MENU);
    }

    @Test
    void adminSeesEverythingAndTheShellIsPhotographed() {
        browser.signInAs(Role.ADMIN);
        assertThat(browser.menuTitles()).containsExactlyElementsOf(ADMIN_MENU);
        browser.waitFor(By.id("view-overview"));
        browser.screenshot("shell-admin");
    }

    @Test
    void viewerCannotOpenAnAdminPageByAddress() {
        browser.signInAs(Role.VIEWER);
        browser.open("/sources");
        browser.waitUntil(d -> !d.findElements(By.id("not-found")).isEmpty() || !d.findElements(By.id("view-sources")).isEmpty());
        assertThat(browser.driver().findElements(By.id("view-sources"))).isEmpty();
    }

    @Test
    void adminSeesTheUsersOfTheUsersFile() {
        browser.signInAs(Role.ADMIN);
        browser.open("/users");
        browser.waitFor(By.id("users-grid"));
        browser.waitUntil(d -> d.findElement(By.id("users-grid")).getText().contains("analyst"));
        assertThat(browser.waitFor(By.id("users-grid")).getText()).contains("viewer", "analyst", "admin");
    }

    @Test
    void wrongPasswordGetsTheGenericError() {
        browser.signIn("analyst", "not-the-password");
        browser.waitUntil(d -> d.getCurrentUrl().contains("error"));
        String shown = browser.waitFor(By.id("login-form")).getText();
        assertThat(shown).contains("user name or password is wrong");
        browser.signIn("nobody-by-this-name", "whatever");
        browser.waitUntil(d -> d.getCurrentUrl().contains("error"));
        assertThat(browser.waitFor(By.id("login-form")).getText()).isEqualTo(shown);
    }

    @Test
    void unknownRouteShowsTheAppsOwn404() {
        browser.signInAs(Role.VIEWER);
        browser.open("/no/such/page");
        assertThat(browser.waitFor(By.id("not-found")).getText()).contains("Page not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void signOutReturnsToLogin() {
        browser.signInAs(Role.ANALYST);
        browser.signOut();
        browser.open("/narratives");
        browser.waitFor(By.id("login-form"));
    }
}
