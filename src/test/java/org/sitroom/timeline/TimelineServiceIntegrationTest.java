package org.sitroom.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitroom.SitroomApplication;
import org.sitroom.testing.FakeSituations;
import org.sitroom.testing.TempDataFolder;
import org.sitroom.testing.TestUsers;
import org.sitroom.testing.WithFakeEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Milestones in the database: who may edit, every edit recorded with before and after, imports idempotent. */
@SpringBootTest(classes = SitroomApplication.class)
@WithFakeEngine
class TimelineServiceIntegrationTest {

    private static final String S = FakeSituations.DEMO;
    private static final Instant T = Instant.parse("2026-03-14T20:30:00Z");

    @Autowired
    TimelineService timeline;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String data = TempDataFolder.fresh().toString(); // one folder per context: each holds its own index
        registry.add("sitroom.data", () -> data);
        registry.add("sitroom.security.users-file", () -> TestUsers.file().toString());
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerMayReadButNotEdit() {
        assertThat(timeline.milestones(S)).isNotNull();
        assertThatThrownBy(() -> timeline.add(S, new MilestoneDraft(T, "x", null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> timeline.update(1, new MilestoneDraft(T, "x", null, null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodyMayReadWithoutSigningIn() {
        assertThatThrownBy(() -> timeline.milestones(S))
                .isInstanceOf(org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    @WithMockUser(username = "anna", roles = {"ANALYST", "VIEWER"})
    void anAnalystsEditsAreRecordedWithBeforeAndAfter() {
        Milestone m = timeline.add(S, new MilestoneDraft(T, "  Captain speaks ", "first note", "https://example.org/a"));
        assertThat(m.author()).isEqualTo("anna");
        assertThat(m.title()).isEqualTo("Captain speaks");

        Milestone changed = timeline.update(m.id(), new MilestoneDraft(T.plusSeconds(600), "Captain's statement",
                "first note", null));
        assertThat(changed.title()).isEqualTo("Captain's statement");
        assertThat(changed.link()).isNull();

        List<MilestoneEdit> edits = timeline.history(m.id());
        assertThat(edits).extracting(MilestoneEdit::action)
                .containsExactly(MilestoneEdit.Action.CREATED, MilestoneEdit.Action.UPDATED);
        MilestoneEdit update = edits.get(1);
        assertThat(update.editedBy()).isEqualTo("anna");
        assertThat(update.before().title()).isEqualTo("Captain speaks");
        assertThat(update.before().time()).isEqualTo(T);
        assertThat(update.before().link()).isEqualTo("https://example.org/a");
        assertThat(update.after().title()).isEqualTo("Captain's statement");
        assertThat(update.after().time()).isEqualTo(T.plusSeconds(600));
        assertThat(edits.get(0).before()).isNull();

        assertThatThrownBy(() -> timeline.update(m.id(), new MilestoneDraft(T, "ok", null, "javascript:alert(1)")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(timeline.history(m.id())).hasSize(2); // a refused edit leaves no trace
    }

    @Test
    @WithMockUser(username = "anna", roles = {"ANALYST", "VIEWER"})
    void importingShiftsTimesAndIsIdempotent() {
        String json = """
                {"milestones": [
                  {"id": "a", "time": "2026-03-14T02:18:00Z", "title": "First", "note": "n", "link": null, "author": "demo"},
                  {"id": "b", "time": "2026-03-16T08:00:00Z", "title": "Later", "note": "", "link": "https://example.org/b", "author": "demo"}
                ]}""";
        Duration shift = Duration.ofDays(100);
        int added = timeline.importMilestones("quiet-test", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                shift, Instant.parse("2026-03-15T00:00:00Z").plus(shift));
        assertThat(added).isEqualTo(1);
        assertThat(timeline.milestones("quiet-test")).singleElement().satisfies(m -> {
            assertThat(m.time()).isEqualTo(Instant.parse("2026-03-14T02:18:00Z").plus(shift));
            assertThat(m.author()).isEqualTo("demo");
        });
        assertThat(timeline.importMilestones("quiet-test",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), shift)).isEqualTo(1);
        assertThat(timeline.importMilestones("quiet-test",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), shift)).isZero();
        assertThat(timeline.milestones("quiet-test")).hasSize(2);
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void theDemoHasBurstsAtItsMilestonesAndPerNarrative() {
        assertThat(timeline.bursts(S)).isNotEmpty();
        assertThat(timeline.narrativeBursts(S)).isNotEmpty().allSatisfy(b -> assertThat(b.narrativeId()).isNotNull());
    }
}
