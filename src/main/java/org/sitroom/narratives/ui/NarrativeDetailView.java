package org.sitroom.narratives.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;
import org.sitroom.base.ui.ChoiceTabs;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.LiveSubscription;
import org.sitroom.base.ui.SituationChoice;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.base.ui.ZoneToggle;
import org.sitroom.engine.LineageEvent;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.StoredPost;
import org.sitroom.narratives.DuplicateGroup;
import org.sitroom.narratives.GrowthRange;
import org.sitroom.narratives.NarrativeDetail;
import org.sitroom.narratives.NarrativeService;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.Share;
import org.sitroom.narratives.SituationRef;

/**
 * One narrative: what it says (keywords, representative posts), how it grew, who spreads it (sources, languages,
 * copy-paste campaigns), where it came from (lineage) and all its posts.
 */
@Route("narratives/:id")
@RolesAllowed("VIEWER")
@StyleSheet("context://styles/dashboard.css")
class NarrativeDetailView extends Composite<ViewFrame> implements BeforeEnterObserver, HasDynamicTitle {

    private final NarrativeService narratives;
    private final Div body = new Div();
    private final ZoneToggle zoneToggle = new ZoneToggle(this::render);
    private final LiveSubscription live;
    private final ChoiceTabs<GrowthRange> ranges =
            new ChoiceTabs<>(GrowthRange.class, GrowthRange.ALL, GrowthRange::label, "detail-range-");
    private GrowthChart growth;
    private String situation;
    private String id;
    private String openedPost;
    private String title = "Narrative";

    NarrativeDetailView(NarrativeService narratives) {
        this.narratives = narratives;
        this.live = new LiveSubscription(this, this::refreshGrowth,
                trigger -> situation == null ? null : narratives.subscribe(situation, change -> trigger.run()));
    }

    @Override
    protected ViewFrame initContent() {
        RouterLink back = new RouterLink("← All narratives", NarrativesView.class);
        back.setId("back-to-narratives");
        Div spacer = new Div();
        spacer.addClassName("spacer");
        Div toolbar = new Div(back, spacer, zoneToggle);
        toolbar.addClassName("view-toolbar");
        ranges.onChange(r -> render());
        body.setWidthFull();
        ViewFrame frame = new ViewFrame("Narrative", "What it says, how it grew, who spreads it, and all its posts.",
                toolbar, body);
        frame.setId("view-narrative");
        return frame;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        id = event.getRouteParameters().get("id").orElse("");
        openedPost = event.getLocation().getQueryParameters().getSingleParameter("post").orElse(null);
        situation = narratives.resolve(event.getLocation().getQueryParameters().getSingleParameter("situation")
                .orElse(SituationChoice.get())).map(SituationRef::id).orElse(null);
        title = situation == null ? "Narrative" : narratives.narrative(situation, id).map(NarrativeSummary::title)
                .orElse("Narrative");
        render();
    }

    @Override
    public String getPageTitle() {
        return title + " · Sitroom";
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ViewerTime.detect(attachEvent.getUI(), () -> {
            zoneToggle.refresh();
            render();
        });
    }

    private void refreshGrowth() {
        if (growth != null && situation != null && narratives.narrative(situation, id).isPresent()) {
            growth.show(narratives.narrativeGrowth(situation, id, ranges.selected(), ViewerTime.zone()));
        }
    }

    private void render() {
        body.removeAll();
        growth = null;
        if (situation == null) {
            body.add(new EmptyState(VaadinIcon.RECORDS, "No situation yet", "There is no situation to show narratives of."));
            return;
        }
        ZoneId zone = ViewerTime.zone();
        NarrativeDetail d = narratives.detail(situation, id);
        if (!d.exists()) {
            renderGone(d, zone);
            return;
        }
        NarrativeSummary n = d.summary();
        // The page heading is the narrative's title.
        getContent().getChildren().filter(c -> c.hasClassName("view-title")).findFirst().ifPresent(h -> {
            h.getElement().setText(n.title());
            h.setId("narrative-title");
        });

        Div head = new Div();
        head.setId("narrative-head");
        head.addClassName("card-title");
        Div keywords = new Div();
        keywords.setId("narrative-keywords");
        n.keywords().forEach(k -> keywords.add(Bits.badge(k, null)));
        if (n.emerging()) {
            keywords.add(Bits.badge("emerging", "emerging"));
        }
        head.add(Bits.swatch(n.colour()), keywords);

        Div figures = new Div();
        figures.addClassName("figures");
        figures.add(Bits.figure("detail-size", "Posts", String.valueOf(n.size()), n.duplicateGroups() + " distinct texts", null));
        figures.add(Bits.figure("detail-accounts", "Accounts", String.valueOf(n.accounts()), "distinct", null));
        figures.add(Bits.figure("detail-velocity", "Velocity", Bits.velocity(n.velocity()),
                n.lastHour() + " posts in the last hour", n.emerging() ? "up" : null));
        Div first = Bits.figure("detail-first", "First seen", ViewerTime.format(n.firstSeen(), zone),
                "last post " + ViewerTime.format(n.lastSeen(), zone), null);
        first.addClassName("figure-date");
        figures.add(first);
        figures.add(Bits.figure("detail-theme", "Theme", n.theme() < 0 ? "–" : "Theme " + (n.theme() + 1),
                narratives.themes(situation).getOrDefault(n.theme(), ""), null));
        body.add(head, figures);

        if (openedPost != null) {
            narratives.post(situation, openedPost).ifPresent(p -> {
                Div card = Bits.postCard(p, zone);
                card.addClassName("opened");
                card.setId("opened-post");
                body.add(section("The post you opened", card));
            });
        }

        growth = new GrowthChart("narrative-growth", "Posts per hour of this narrative", other -> { },
                () -> getUI().ifPresent(ui -> ui.navigate("timeline")));
        growth.show(narratives.narrativeGrowth(situation, id, ranges.selected(), zone));
        Div growthHead = new Div(new H2("Growth"), ranges);
        growthHead.addClassName("section-head");
        Div growthSection = new Div(growthHead, growth);
        growthSection.addClassName("section");
        body.add(growthSection);

        Div reps = new Div();
        reps.addClassName("cards");
        reps.setId("representative-posts");
        d.representatives().forEach(p -> reps.add(Bits.postCard(p, zone)));
        if (d.representatives().isEmpty()) {
            reps.add(new Span("No representative posts yet (they come with the next grouping)."));
        }
        body.add(section("Representative posts", reps));

        Div breakdown = new Div(section("Sources", bars(d.sources(), "sources-breakdown")),
                section("Languages", bars(d.languages(), "languages-breakdown")));
        breakdown.addClassName("two-columns");
        body.add(breakdown);

        body.add(section("Same text, many accounts", duplicates(d.duplicateGroups(), zone)));
        body.add(section("Lineage", lineage(d.lineage(), zone)));
        body.add(section("All posts", posts(n, zone)));
    }

    private void renderGone(NarrativeDetail d, ZoneId zone) {
        boolean known = narratives.everKnown(situation, id);
        String text = known
                ? "This narrative no longer exists in the current grouping. Its lineage says what became of it."
                : "There is no narrative with this id in this situation. It may belong to another situation.";
        body.add(new EmptyState(VaadinIcon.RECORDS, known ? "Narrative merged or faded" : "Narrative not found", text));
        if (!d.lineage().isEmpty()) {
            body.add(section("Lineage", lineage(d.lineage(), zone)));
        }
    }

    private static Div section(String heading, com.vaadin.flow.component.Component content) {
        Div s = new Div(new H2(heading), content);
        s.addClassName("section");
        return s;
    }

    private static Div bars(List<Share> shares, String id) {
        Div bars = new Div();
        bars.addClassName("bars");
        bars.setId(id);
        int max = shares.stream().mapToInt(Share::count).max().orElse(1);
        for (Share s : shares) {
            Div bar = new Div();
            bar.addClassName("bar");
            bar.getStyle().set("width", Math.max(1, 100 * s.count() / max) + "%");
            bars.add(new Span(s.key()), bar, new Span(String.valueOf(s.count())));
        }
        return bars;
    }

    private static com.vaadin.flow.component.Component duplicates(List<DuplicateGroup> groups, ZoneId zone) {
        if (groups.isEmpty()) {
            return new Paragraph("No text was posted more than once.");
        }
        Grid<DuplicateGroup> grid = new Grid<>();
        grid.setId("duplicate-groups");
        grid.addColumn(LitRenderer.<DuplicateGroup>of(
                        "<span class='badge campaign' ?hidden='${!item.campaign}'>copy-paste campaign</span>"
                                + "<span class='post-text'>${item.text}</span>")
                        .withProperty("campaign", DuplicateGroup::campaign)
                        .withProperty("text", DuplicateGroup::text))
                .setHeader("Text (earliest copy)").setFlexGrow(4);
        grid.addColumn(DuplicateGroup::posts).setHeader("Posts").setFlexGrow(0).setWidth("6rem");
        grid.addColumn(DuplicateGroup::accounts).setHeader("Accounts").setFlexGrow(0).setWidth("7rem");
        grid.addColumn(g -> ViewerTime.format(g.first(), zone) + " – " + ViewerTime.format(g.last(), zone))
                .setHeader("First – last").setFlexGrow(1);
        grid.setItems(groups.stream().filter(g -> g.posts() > 1).toList());
        grid.setAllRowsVisible(true);
        grid.addClassName("wrap-cells");
        grid.addThemeName("wrap-cell-content");
        return grid;
    }

    private com.vaadin.flow.component.Component lineage(List<LineageEvent> events, ZoneId zone) {
        if (events.isEmpty()) {
            return new Paragraph("No lineage recorded yet (it is written at each regrouping).");
        }
        UnorderedList list = new UnorderedList();
        list.addClassName("lineage");
        list.setId("lineage");
        for (LineageEvent e : events) {
            ListItem item = new ListItem();
            boolean self = e.narrativeId().equals(id);
            String when = ViewerTime.format(e.at(), zone);
            switch (e.kind()) {
                case BORN -> item.add(new Span(self ? "Born " + when + " (" + e.size() + (e.size() == 1 ? " post)" : " posts)")
                        : "Related narrative born " + when));
                case GREW, SHRANK -> item.add(new Span((e.kind() == LineageEvent.Kind.GREW ? "Grew" : "Shrank")
                        + " to " + e.size() + " posts, " + when));
                case FADED -> item.add(new Span("Faded " + when));
                case SPLIT_FROM -> {
                    if (self) {
                        item.add(new Span("Split from "), link(e.relatedId()), new Span(" " + when));
                    } else {
                        item.add(link(e.narrativeId()), new Span(" split from it " + when));
                    }
                }
                case MERGED_INTO -> {
                    if (self) {
                        item.add(new Span("Merged into "), link(e.relatedId()), new Span(" " + when));
                    } else {
                        item.add(link(e.narrativeId()), new Span(" merged into it " + when));
                    }
                }
            }
            list.add(item);
        }
        return list;
    }

    private com.vaadin.flow.component.Component link(String narrativeId) {
        if (narrativeId == null) {
            return new Span("another narrative");
        }
        String label = narratives.narrative(situation, narrativeId).map(NarrativeSummary::title)
                .orElse("narrative " + narrativeId);
        return new RouterLink(label, NarrativeDetailView.class, new RouteParameters("id", narrativeId));
    }

    private Grid<StoredPost> posts(NarrativeSummary n, ZoneId zone) {
        Grid<StoredPost> grid = new Grid<>();
        grid.setId("narrative-posts");
        grid.addColumn(p -> ViewerTime.format(p.time(), zone)).setHeader("Time (" + ViewerTime.label(zone) + ")")
                .setFlexGrow(0).setWidth("11rem");
        grid.addColumn(p -> p.author() == null ? "–" : p.author()).setHeader("Account").setFlexGrow(1);
        grid.addColumn(p -> p.language() == null ? "?" : p.language()).setHeader("Lang").setFlexGrow(0).setWidth("5rem");
        grid.addColumn(StoredPost::source).setHeader("Source").setFlexGrow(0).setWidth("9rem");
        grid.addColumn(LitRenderer.<StoredPost>of("<span class='post-text'>${item.text}</span>")
                .withProperty("text", StoredPost::text)).setHeader("Text").setFlexGrow(4);
        PostFilter filter = PostFilter.narrative(n.id());
        grid.setItems(q -> narratives.posts(situation, filter, q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, narratives.countPosts(situation, filter)));
        grid.addThemeName("wrap-cell-content");
        grid.setHeight("30rem");
        grid.setWidthFull();
        return grid;
    }
}
