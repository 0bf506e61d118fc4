package org.sitroom.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.sitroom.ingest.pipeline.IngestLedger;
import org.sitroom.ingest.situations.SituationCatalog;
import org.sitroom.security.Role;
import org.sitroom.testing.BrowserTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** The Sources view in Chromium: ADMIN sees the demo source's health and its quarantine; a VIEWER cannot open it. */
class SourcesIT extends BrowserTestBase {

    @Autowired
    IngestLedger ledger;

    @BeforeAll
    void quarantineARecord() {
        // One record set aside as a broken batch would, so the view has a quarantine to show.
        byte[] raw = "{\"id\": \"broken\", \"text\": \"cut mid-wa".getBytes(StandardCharsets.UTF_8);
        ledger.commit(new IngestLedger.BatchCommit(SituationCatalog.DEMO_SOURCE, "it-only", SituationCatalog.DEMO_ID,
                null, 0, 0, 0, 0, List.of(new IngestLedger.QuarantineRow("record", "jsonl", null,
                "line 7 (byte 900)", "line 7: invalid JSON (unexpected end)", raw, raw.length)), Map.of(), null, null, 0));
    }

    @Test
    void adminSeesSourceHealthAndQuarantine() {
        browser.signInAs(Role.ADMIN);
        browser.open("/sources");
        browser.waitFor(By.id("sources-grid"));
        // The demo replay runs every 5 s: wait until its first run shows.
        browser.waitUntil(d -> d.findElement(By.id("sources-summary")).getText().matches(".*[1-9]\\d* posts in.*"));
        String grid = browser.waitFor(By.id("sources-grid")).getText();
        assertThat(grid).contains(SituationCatalog.DEMO_SOURCE, "replay", "Posts in", "Duplicates", "Quarantined",
                "Errors", "Lag");
        assertThat(browser.waitFor(By.id("sources-summary")).getText()).contains("1 quarantined");
        browser.waitUntil(d -> d.findElement(By.id("quarantine-grid")).getText().contains("invalid JSON"));
        assertThat(browser.waitFor(By.id("quarantine-title")).getText()).contains("Quarantine of demo-replay");
        assertThat(browser.waitFor(By.id("situation-name-field")).getAttribute("value"))
                .isEqualTo("Naval encounter in the Eastern Mediterranean");
        browser.screenshot("sources-admin");
    }

    @Test
    void viewerCannotOpenSources() {
        browser.signInAs(Role.VIEWER);
        browser.open("/sources");
        browser.waitUntil(d -> !d.findElements(By.id("not-found")).isEmpty()
                || !d.findElements(By.id("view-sources")).isEmpty());
        assertThat(browser.driver().findElements(By.id("view-sources"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("sources-grid"))).isEmpty();
    }
}
