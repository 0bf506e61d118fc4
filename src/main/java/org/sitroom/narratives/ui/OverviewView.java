package org.sitroom.narratives.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitroom.base.ui.ChoiceTabs;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.KeyedChildren;
import org.sitroom.base.ui.LiveSubscription;
import org.sitroom.base.ui.Palette;
import org.sitroom.base.ui.SituationChoice;
import org.sitroom.base.ui.Sparkline;
import org.sitroom.base.ui.StaleBanner;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.base.ui.ZoneToggle;
import org.sitroom.narratives.GrowthRange;
import org.sitroom.narratives.NarrativeService;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.OverviewFigures;
import org.sitroom.narratives.SituationRef;

/** Overview: The situation at a glance: volume, active and emerging narratives, growth hour by hour. */
@Route("")
@PageTitle("Overview · Sitroom")
@Menu(order = 0, title = "Overview", icon = "vaadin:dashboard")
@RolesAllowed("VIEWER")
@StyleSheet("context://styles/dashboard.css")
class OverviewView extends Composite<ViewFrame> implements BeforeEnterObserver {

    private final NarrativeService narratives;

    private final Select<SituationRef> situationSelect = new Select<>();
    private final ZoneToggle zoneToggle = new ZoneToggle(this::refresh);
    private final LiveSubscription live;
    private final Span asOf = new Span();
    private final StaleBanner stale = new StaleBanner();
    private final Div figures = new Div();
    private final ChoiceTabs<GrowthRange> ranges =
            new ChoiceTabs<>(GrowthRange.class, GrowthRange.H24, GrowthRange::label, "range-");
    private final Div content = new Div();
    private final Div emergingList = new Div();
    private final Span provenance = new Span();
    private final KeyedChildren<String, EmergingCard> emergingCards = new KeyedChildren<>(emergingList, EmergingCard::root);
    private Component emergingMessage;
    private GrowthChart growth;

    private String situation;

    OverviewView(NarrativeService narratives) {
        this.narratives = narratives;
        this.live = new LiveSubscription(this, this::refresh,
                trigger -> situation == null ? null : narratives.subscribe(situation, change -> trigger.run()));
    }

    @Override
    protected ViewFrame initContent() {
        situationSelect.setId("situation-select");
        situationSelect.setLabel("Situation");
        situationSelect.setWidth("26rem");
        situationSelect.setItemLabelGenerator(SituationRef::name);
        situationSelect.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                SituationChoice.set(e.getValue().id());
                situation = e.getValue().id();
                live.renew();
                refresh();
            }
        });
        asOf.addClassName("as-of");
        asOf.setId("as-of");
        Div spacer = new Div();
        spacer.addClassName("spacer");
        Div toolbar = new Div(situationSelect, spacer, asOf, zoneToggle);
        toolbar.addClassName("view-toolbar");

        figures.addClassName("figures");
        figures.setId("figures");

        ranges.onChange(r -> refresh());
        growth = new GrowthChart("growth-chart", "Posts per hour of the largest narratives, stacked; the rest as other",
                this::openNarrative, () -> getUI().ifPresent(ui -> ui.navigate("timeline")));
        H2 growthTitle = new H2("Narrative growth");
        Div growthHead = new Div(growthTitle, ranges);
        growthHead.addClassName("section-head");

        H2 emergingTitle = new H2("Emerging narratives");
        emergingList.addClassName("cards");
        emergingList.setId("emerging-list");
        Div emergingSection = new Div(emergingTitle, emergingList);
        emergingSection.addClassName("section");

        provenance.addClassName("muted");
        provenance.setId("provenance");
        Div growthSection = new Div(growthHead, growth, provenance);
        growthSection.addClassName("section");
        content.setWidthFull();
        content.add(figures, growthSection, emergingSection);

        ViewFrame frame = new ViewFrame("Overview",
                "The situation at a glance: volume, active and emerging narratives, growth hour by hour.",
                toolbar, stale, content);
        frame.setId("view-overview");
        return frame;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String asked = event.getLocation().getQueryParameters().getSingleParameter("situation")
                .orElse(SituationChoice.get());
        Optional<SituationRef> resolved = narratives.resolve(asked);
        situation = resolved.map(SituationRef::id).orElse(null);
        List<SituationRef> all = narratives.situations();
        situationSelect.setItems(all);
        resolved.ifPresent(situationSelect::setValue);
        // The switcher only appears when there is something to switch between.
        situationSelect.setVisible(all.size() > 1);
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
            content.removeAll();
            content.add(new EmptyState(VaadinIcon.DASHBOARD, "No situation yet",
                    "Sitroom watches situations (events) defined by an administrator. Once one exists and its sources "
                            + "deliver posts, this page shows the volume, active and emerging narratives and their growth."));
            return;
        }
        ZoneId zone = ViewerTime.zone();
        OverviewFigures f = narratives.overview(situation);
        Instant now = f.asOf();
        asOf.setText("Updated " + ViewerTime.formatTime(now, zone) + " · live");
        stale.update(f.latestPost(), Instant.now(), Duration.ofMinutes(narratives.staleAfterMinutes()));
        showFigures(f);
        if (f.totalPosts() == 0) {
            growth.setVisible(false);
            showEmergingMessage(new EmptyState(VaadinIcon.CHART_TIMELINE, "No posts yet",
                    "The growth chart and emerging narratives appear as soon as the first posts are in."));
            return;
        }
        growth.setVisible(true);
        growth.show(narratives.growth(situation, ranges.selected(), zone, NarrativeService.TOP_SERIES));
        // What stands behind the narratives: which model grouped how many posts, and when.
        provenance.setText(f.provenance() == null ? "Posts are not grouped into narratives yet."
                : "Narratives grouped " + ViewerTime.format(f.provenance().computedAt(), zone) + " by "
                + f.provenance().model() + " from " + f.provenance().posts() + " posts; counts include posts since.");
        showEmerging(narratives.emerging(situation), zone, f.clustered());
    }

    private void showFigures(OverviewFigures f) {
        figures.removeAll();
        int change = f.change();
        String note = change > 0 ? "▲ " + change + " on the hour before"
                : change < 0 ? "▼ " + (-change) + " on the hour before" : "same as the hour before";
        figures.add(Bits.figure("figure-posts-last-hour", "Posts in the last hour", String.valueOf(f.postsLastHour()),
                note, change > 0 ? "up" : change < 0 ? "down" : null));
        figures.add(Bits.figure("figure-active", "Active narratives", String.valueOf(f.activeNarratives()),
                f.clustered() ? "with posts in the last 24 h" : "posts not grouped yet", null));
        figures.add(Bits.figure("figure-emerging", "Emerging narratives", String.valueOf(f.emergingNarratives()),
                "growing fast right now", null));
        Div sources = Bits.figure("figure-sources", "Sources", f.sourcesHealthy() + " healthy",
                f.sourcesFailing() == 0 ? "none failing" : f.sourcesFailing() + " failing", f.sourcesFailing() > 0 ? "up" : null);
        if (f.sourcesFailing() > 0) {
            sources.addClassName("failing");
        }
        figures.add(sources);
        figures.add(Bits.figure("figure-total", "Posts in all", String.valueOf(f.totalPosts()),
                f.latestPost() == null ? "none yet" : "newest " + ViewerTime.ago(f.latestPost(), Instant.now()), null));
    }

    /** The emerging narratives' cards, kept per narrative across live updates (see {@link KeyedChildren}). */
    private void showEmerging(List<NarrativeSummary> emerging, ZoneId zone, boolean clustered) {
        List<NarrativeSummary> shown = emerging.stream().limit(8).toList();
        if (shown.isEmpty()) {
            showEmergingMessage(new Span(clustered
                    ? "No narrative is growing fast right now (emerging: at least twice its usual hourly volume, or "
                    + "born in the last hours and growing)."
                    : "Narratives are not grouped yet; emerging ones will show here."));
            return;
        }
        if (emergingMessage != null) {
            emergingList.remove(emergingMessage);
            emergingMessage = null;
        }
        Map<String, NarrativeSummary> byId = new HashMap<>();
        shown.forEach(n -> byId.put(n.id(), n));
        emergingCards.show(shown.stream().map(NarrativeSummary::id).toList(), id -> {
            EmergingCard card = new EmergingCard(id);
            card.root.addClickListener(e -> openNarrative(id));
            card.root.getElement().addEventListener("keydown", e -> openNarrative(id)).setFilter("event.key === 'Enter'");
            return card;
        }, (id, card) -> card.update(byId.get(id), zone));
    }

    /** A message in place of the emerging cards. */
    private void showEmergingMessage(Component message) {
        emergingCards.clear();
        if (emergingMessage != null) {
            emergingList.remove(emergingMessage);
        }
        emergingMessage = message;
        emergingList.add(message);
    }

    /** One emerging narrative's card; what it shows changes in place. */
    private static final class EmergingCard {
        final Div root = new Div();
        final Span swatch = Bits.swatch(-1);
        final Span title = new Span();
        final Span velocity = new Span();
        final Span figures = new Span();
        final Div spark = new Div();

        EmergingCard(String id) {
            root.addClassNames("card", "clickable");
            root.getElement().setAttribute("data-narrative", id);
            root.getElement().setAttribute("tabindex", "0");
            root.getElement().setAttribute("role", "link");
            Div head = new Div(swatch, title);
            head.addClassName("card-title");
            velocity.addClassName("velocity");
            Div meta = new Div(velocity, figures);
            meta.addClassName("card-meta");
            root.add(head, meta, spark);
        }

        Div root() {
            return root;
        }

        void update(NarrativeSummary n, ZoneId zone) {
            swatch.getStyle().set("background", Palette.hex(n.colour()));
            title.setText(n.title());
            velocity.setText(Bits.velocity(n.velocity()));
            figures.setText(" · " + n.lastHour() + " posts in the last hour · first seen "
                    + ViewerTime.format(n.firstSeen(), zone) + " · " + n.size() + " posts in all");
            List<Integer> last24 = n.hourly().stream().skip(Math.max(0, n.hourly().size() - 24))
                    .map(h -> h.count()).toList();
            spark.getElement().setProperty("innerHTML", Sparkline.svg(last24, Palette.hex(n.colour()), 240, 32,
                    "Posts per hour, last 24 hours"));
        }
    }

    private void openNarrative(String id) {
        getUI().ifPresent(ui -> ui.navigate(NarrativeDetailView.class, new RouteParameters("id", id)));
    }
}
