package org.sitroom.timeline.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sitroom.base.ui.ChartPanel;
import org.sitroom.base.ui.ChoiceTabs;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.LiveSubscription;
import org.sitroom.base.ui.Palette;
import org.sitroom.base.ui.SituationChoice;
import org.sitroom.base.ui.StaleBanner;
import org.sitroom.base.ui.TimeChart;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.base.ui.ZoneToggle;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.StoredPost;
import org.sitroom.narratives.GrowthRange;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.SituationRef;
import org.sitroom.timeline.Around;
import org.sitroom.timeline.Burst;
import org.sitroom.timeline.Milestone;
import org.sitroom.timeline.MilestoneDraft;
import org.sitroom.timeline.MilestoneEdit;
import org.sitroom.timeline.TimelineService;
import org.springframework.security.access.AccessDeniedException;

/** Timeline: Milestones and detected bursts on the event's time axis. */
@Route("timeline")
@PageTitle("Timeline · Sitroom")
@Menu(order = 2, title = "Timeline", icon = "vaadin:time-forward")
@RolesAllowed("VIEWER")
@StyleSheet("context://styles/dashboard.css")
class TimelineView extends Composite<ViewFrame> implements BeforeEnterObserver {

    private final TimelineService timeline;
    private final boolean analyst;
    private final ZoneToggle zoneToggle = new ZoneToggle(this::refresh);
    private final LiveSubscription live;
    private final StaleBanner stale = new StaleBanner();
    private final ChoiceTabs<GrowthRange> ranges =
            new ChoiceTabs<>(GrowthRange.class, GrowthRange.ALL, GrowthRange::label, "timeline-range-");
    private final ChartPanel volume = new ChartPanel("Posts per hour of the whole situation, with milestones and bursts");
    private final Div milestoneList = new Div();
    private final Div burstList = new Div();
    private final Div around = new Div();
    private final Div body = new Div();
    private String situation;
    private List<Milestone> shownMilestones = List.of();
    private List<Burst> shownBursts = List.of();
    private final RedrawnList milestoneCards = new RedrawnList(milestoneList);
    private final RedrawnList burstCards = new RedrawnList(burstList);

    TimelineView(TimelineService timeline, AuthenticationContext auth) {
        this.timeline = timeline;
        // Edit controls only for analysts; the service refuses edits from anyone else all the same.
        this.analyst = auth.hasRole("ANALYST");
        this.live = new LiveSubscription(this, this::refresh,
                trigger -> situation == null ? null : timeline.subscribe(situation, trigger));
    }

    @Override
    protected ViewFrame initContent() {
        Div spacer = new Div();
        spacer.addClassName("spacer");
        Div toolbar = new Div(spacer, zoneToggle);
        toolbar.addClassName("view-toolbar");
        ranges.onChange(r -> refresh());
        volume.setId("volume-chart");
        volume.chart().onPartClick(this::openMark);
        Div head = new Div(new H2("Posts per hour"), ranges);
        head.addClassName("section-head");
        Div volumeSection = new Div(head, volume);
        volumeSection.addClassName("section");

        milestoneList.setId("milestones");
        burstList.setId("bursts");
        around.setId("around");
        around.addClassNames("section", "around");
        around.setVisible(false);

        Div milestonesHead = new Div(new H2("Milestones"));
        milestonesHead.addClassName("section-head");
        if (analyst) {
            Button add = new Button("Add milestone", VaadinIcon.PLUS.create(), e -> edit(null));
            add.setId("add-milestone");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            milestonesHead.add(add);
        }
        Div milestones = new Div(milestonesHead, milestoneList);
        milestones.addClassName("section");
        Div bursts = new Div(new H2("Bursts"), new Paragraph(
                "Hours with at least 10 posts and at least three times the median of the six hours before."), burstList);
        bursts.addClassName("section");
        bursts.getChildren().filter(c -> c instanceof Paragraph).forEach(c -> ((Paragraph) c).addClassName("muted"));
        Div columns = new Div(milestones, bursts);
        columns.addClassName("two-columns");

        body.setWidthFull();
        body.add(volumeSection, around, columns);
        ViewFrame frame = new ViewFrame("Timeline", "Milestones and detected bursts on the event's time axis.",
                toolbar, stale, body);
        frame.setId("view-timeline");
        return frame;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        situation = timeline.resolve(event.getLocation().getQueryParameters().getSingleParameter("situation")
                .orElse(SituationChoice.get())).map(SituationRef::id).orElse(null);
        if (situation == null) {
            body.removeAll();
            body.add(new EmptyState(VaadinIcon.TIME_FORWARD, "No situation yet",
                    "Milestones that analysts add and hours of unusual volume detected automatically will line up "
                            + "here once a situation exists."));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ViewerTime.detect(attachEvent.getUI(), () -> {
            zoneToggle.refresh();
            refresh();
        });
    }

    private void refresh() {
        if (situation == null) {
            return;
        }
        ZoneId zone = ViewerTime.zone();
        stale.update(timeline.latestPost(situation).orElse(null), Instant.now(),
                Duration.ofMinutes(timeline.staleAfterMinutes()));
        shownMilestones = timeline.milestones(situation);
        shownBursts = timeline.bursts(situation);
        showVolume(zone);
        showMilestones(zone);
        showBursts(zone);
    }

    private void showVolume(ZoneId zone) {
        List<HourCount> hours = timeline.volume(situation, ranges.selected(), zone);
        if (hours.isEmpty()) {
            volume.setVisible(false);
            return;
        }
        volume.setVisible(true);
        Instant from = hours.getFirst().hour();
        Instant to = hours.getLast().hour().plus(Duration.ofHours(1));
        List<TimeChart.Mark> marks = new ArrayList<>();
        for (int i = 0; i < shownMilestones.size(); i++) {
            Milestone m = shownMilestones.get(i);
            if (!m.time().isBefore(from) && m.time().isBefore(to)) {
                marks.add(new TimeChart.Mark("milestone:" + i, m.time(), m.time(), m.title(), false, String.valueOf(i + 1)));
            }
        }
        for (int i = 0; i < shownBursts.size(); i++) {
            Burst b = shownBursts.get(i);
            if (b.end().isAfter(from) && b.start().isBefore(to)) {
                marks.add(new TimeChart.Mark("burst:" + i, b.start(), b.end(), burstText(b), true, null));
            }
        }
        List<Integer> counts = hours.stream().map(HourCount::count).toList();
        String svg = TimeChart.render(TimeChart.Kind.BARS, hours.stream().map(HourCount::hour).toList(),
                List.of(new TimeChart.Series(null, "All posts", java.awt.Color.decode(Palette.ALL), counts)), marks,
                zone, 1100, 340);
        List<List<String>> rows = new ArrayList<>();
        for (HourCount h : hours) {
            rows.add(List.of(ViewerTime.hourRange(h.hour(), zone), String.valueOf(h.count())));
        }
        volume.show(svg, List.of("Hour (" + ViewerTime.label(zone) + ")", "Posts"), rows);
    }

    private void showMilestones(ZoneId zone) {
        if (!milestoneCards.redraw(List.of(shownMilestones, zone))) {
            return;
        }
        if (shownMilestones.isEmpty()) {
            milestoneList.add(new Paragraph(analyst ? "No milestones yet. Add what happened, when, with a link."
                    : "No milestones yet. Analysts add them as the situation unfolds."));
            return;
        }
        for (int i = 0; i < shownMilestones.size(); i++) {
            Milestone m = shownMilestones.get(i);
            Div card = new Div();
            card.addClassNames("card", "clickable", "milestone");
            card.getElement().setAttribute("data-milestone", String.valueOf(m.id()));
            Span number = new Span(String.valueOf(i + 1));
            number.addClassName("num");
            Div title = new Div(number, new Span(" " + m.title()));
            title.addClassName("card-title");
            Div meta = new Div(new Span(ViewerTime.format(m.time(), zone) + " · added by " + m.author()
                    + (m.updatedAt().isAfter(m.createdAt()) ? " · edited" : "")));
            meta.addClassName("card-meta");
            card.add(title, meta);
            if (!m.note().isBlank()) {
                Paragraph note = new Paragraph();
                note.addClassName("milestone-note");
                note.setText(m.note());
                card.add(note);
            }
            if (m.link() != null) {
                Anchor link = new Anchor(m.link(), m.link());
                link.setTarget("_blank");
                link.getElement().setAttribute("rel", "noopener noreferrer nofollow");
                card.add(new Div(link));
            }
            Div actions = new Div();
            Button aroundButton = new Button("Posts around it", e -> showAround(m.title(),
                    m.time().minus(TimelineService.AROUND_MILESTONE), m.time().plus(TimelineService.AROUND_MILESTONE)));
            aroundButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            actions.add(aroundButton);
            Button history = new Button("History", e -> history(m));
            history.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            history.addClassName("milestone-history");
            actions.add(history);
            if (analyst) {
                Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> edit(m));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                edit.addClassName("edit-milestone");
                actions.add(edit);
            }
            card.add(actions);
            milestoneList.add(card);
        }
    }

    private void showBursts(ZoneId zone) {
        List<Burst> all = new ArrayList<>(shownBursts);
        all.addAll(timeline.narrativeBursts(situation));
        all.sort(java.util.Comparator.comparing(Burst::start).reversed());
        List<BurstCard> cards = new ArrayList<>();
        for (Burst b : all) {
            if (b.narrativeId() == null) {
                cards.add(new BurstCard(b, "All posts", Palette.ALL));
            } else {
                NarrativeSummary n = timeline.narrative(situation, b.narrativeId()).orElse(null);
                cards.add(new BurstCard(b, n == null ? "Narrative " + b.narrativeId() : n.title(),
                        n == null ? Palette.OTHER : Palette.hex(n.colour())));
            }
        }
        if (!burstCards.redraw(List.of(cards, zone))) {
            return;
        }
        if (cards.isEmpty()) {
            burstList.add(new Paragraph("No burst so far."));
            return;
        }
        for (BurstCard c : cards) {
            Burst b = c.burst();
            Div card = new Div();
            card.addClassNames("card", "clickable", "burst");
            Div title = new Div(swatch(c.colour()), new Span(c.label()));
            title.addClassName("card-title");
            Div meta = new Div(new Span(ViewerTime.format(b.start(), zone) + "–" + ViewerTime.formatTime(b.end(), zone)
                    + " · " + burstText(b)));
            meta.addClassName("card-meta");
            card.add(title, meta);
            card.addClickListener(e -> showAround("Burst of " + c.label(), b.start(), b.end()));
            burstList.add(card);
        }
    }

    /** One burst as its card shows it. */
    private record BurstCard(Burst burst, String label, String colour) {
    }

    /**
     * A list redrawn only when what it shows changes: live updates arrive every second while posts flow in, and
     * rebuilding an unchanged list would swap its buttons under a user's pointer and lose the click.
     */
    private static final class RedrawnList {
        private final Div list;
        private Object shown;

        RedrawnList(Div list) {
            this.list = list;
        }

        /** Whether {@code content} differs from what the list shows; if so, the list is emptied to be redrawn. */
        boolean redraw(Object content) {
            if (content.equals(shown)) {
                return false;
            }
            shown = content;
            list.removeAll();
            return true;
        }
    }

    private static Span swatch(String colour) {
        Span s = new Span();
        s.addClassName("swatch");
        s.getStyle().set("background", colour);
        return s;
    }

    private static String burstText(Burst b) {
        return b.peak() + " posts in its busiest hour, " + String.format(Locale.ROOT, "%.1f", b.ratio())
                + "× the usual " + String.format(Locale.ROOT, "%.0f", b.baseline()) + " per hour";
    }

    private void openMark(String key) {
        String[] parts = key.split(":");
        int i = Integer.parseInt(parts[1]);
        if ("milestone".equals(parts[0]) && i < shownMilestones.size()) {
            Milestone m = shownMilestones.get(i);
            showAround(m.title(), m.time().minus(TimelineService.AROUND_MILESTONE),
                    m.time().plus(TimelineService.AROUND_MILESTONE));
        } else if ("burst".equals(parts[0]) && i < shownBursts.size()) {
            Burst b = shownBursts.get(i);
            showAround("Burst", b.start(), b.end());
        }
    }

    /** Lists what was posted between {@code from} and {@code to}: narratives by posts, then the newest posts. */
    private void showAround(String what, Instant from, Instant to) {
        ZoneId zone = ViewerTime.zone();
        Around a = timeline.around(situation, from, to);
        around.removeAll();
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> around.setVisible(false));
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        close.setAriaLabel("Close");
        Div head = new Div(new H2("Around: " + what), close);
        head.addClassName("section-head");
        around.add(head, new Paragraph(ViewerTime.format(from, zone) + " – " + ViewerTime.format(to, zone) + " ("
                + ViewerTime.label(zone) + "): " + a.totalPosts() + " posts"));
        Div narratives = new Div();
        narratives.addClassName("legend");
        for (Around.NarrativeCount n : a.narratives()) {
            int colour = timeline.narrative(situation, n.narrativeId()).map(NarrativeSummary::colour).orElse(-1);
            Anchor link = new Anchor("narratives/" + n.narrativeId(), "");
            link.getElement().setAttribute("router-link", true); // navigate inside the app, no page reload
            link.addClassName("legend-item");
            link.add(swatch(Palette.hex(colour)), new Span(n.title() + " (" + n.posts() + ")"));
            narratives.add(link);
        }
        around.add(new H3("Narratives"), a.narratives().isEmpty() ? new Paragraph("None.") : narratives);
        Div posts = new Div();
        posts.addClassName("cards");
        for (StoredPost p : a.posts()) {
            posts.add(postCard(p, zone));
        }
        around.add(new H3(a.posts().size() < a.totalPosts() ? "Newest " + a.posts().size() + " posts" : "Posts"), posts);
        around.setVisible(true);
        around.scrollIntoView();
    }

    private static Component postCard(StoredPost p, ZoneId zone) {
        Div card = new Div();
        card.addClassNames("card", "post-card");
        Span meta = new Span(ViewerTime.format(p.time(), zone) + " · " + (p.author() == null ? "unknown account" : p.author())
                + " · " + (p.language() == null ? "?" : p.language()) + " · " + p.source());
        meta.addClassName("card-meta");
        Paragraph text = new Paragraph();
        text.addClassName("post-text");
        text.setText(p.text());
        card.add(meta, text);
        return card;
    }

    private void edit(Milestone existing) {
        ZoneId zone = ViewerTime.zone();
        Dialog dialog = new Dialog();
        dialog.setId("milestone-dialog");
        dialog.setHeaderTitle(existing == null ? "Add milestone" : "Edit milestone");
        DateTimePicker time = new DateTimePicker("Time (" + ViewerTime.label(zone) + ")");
        time.setId("milestone-time");
        time.setValue(LocalDateTime.ofInstant(existing == null ? Instant.now() : existing.time(), zone)
                .withSecond(0).withNano(0));
        TextField title = new TextField("Title");
        title.setId("milestone-title");
        title.setMaxLength(MilestoneDraft.MAX_TITLE);
        title.setRequired(true);
        title.setWidthFull();
        TextArea note = new TextArea("Note");
        note.setId("milestone-note");
        note.setMaxLength(MilestoneDraft.MAX_NOTE);
        note.setWidthFull();
        TextField link = new TextField("Link (https://...)");
        link.setId("milestone-link");
        link.setWidthFull();
        if (existing != null) {
            title.setValue(existing.title());
            note.setValue(existing.note());
            link.setValue(existing.link() == null ? "" : existing.link());
        }
        Span error = new Span();
        error.setId("milestone-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        dialog.add(new Div(time, title, note, link, error));
        Button save = new Button("Save", e -> {
            try {
                Instant at = time.getValue() == null ? null : time.getValue().atZone(zone).toInstant();
                MilestoneDraft draft = new MilestoneDraft(at, title.getValue(), note.getValue(), link.getValue());
                if (existing == null) {
                    timeline.add(situation, draft);
                } else {
                    timeline.update(existing.id(), draft);
                }
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            } catch (AccessDeniedException ex) {
                error.setText("Only analysts may add or edit milestones.");
            }
        });
        save.setId("milestone-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.setWidth("36rem");
        dialog.open();
        title.focus();
    }

    private void history(Milestone m) {
        ZoneId zone = ViewerTime.zone();
        Dialog dialog = new Dialog();
        dialog.setId("history-dialog");
        dialog.setHeaderTitle("History of \u201c" + m.title() + "\u201d");
        Div list = new Div();
        for (MilestoneEdit e : timeline.history(m.id())) {
            Div item = new Div();
            item.addClassName("card");
            Span who = new Span(e.action().name().toLowerCase(Locale.ROOT) + " by " + e.editedBy() + ", "
                    + ViewerTime.format(e.editedAt(), zone));
            who.addClassName("card-meta");
            item.add(who);
            if (e.before() != null) {
                change(item, "Time", ViewerTime.format(e.before().time(), zone), ViewerTime.format(e.after().time(), zone));
                change(item, "Title", e.before().title(), e.after().title());
                change(item, "Note", e.before().note(), e.after().note());
                change(item, "Link", e.before().link(), e.after().link());
            } else {
                item.add(new Paragraph(ViewerTime.format(e.after().time(), zone) + " · " + e.after().title()));
            }
            list.add(item);
        }
        dialog.add(list);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("40rem");
        dialog.open();
    }

    private static void change(Div into, String field, String before, String after) {
        if (java.util.Objects.equals(before, after)) {
            return;
        }
        Paragraph p = new Paragraph();
        p.setText(field + ": \u201c" + (before == null ? "" : before) + "\u201d \u2192 \u201c" + (after == null ? "" : after) + "\u201d");
        into.add(p);
    }
}
