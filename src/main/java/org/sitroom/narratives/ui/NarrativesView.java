package org.sitroom.narratives.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.LiveSubscription;
import org.sitroom.base.ui.Palette;
import org.sitroom.base.ui.SituationChoice;
import org.sitroom.base.ui.Sparkline;
import org.sitroom.base.ui.StaleBanner;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.base.ui.ZoneToggle;
import org.sitroom.narratives.NarrativeQuery;
import org.sitroom.narratives.NarrativeService;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.OverviewFigures;
import org.sitroom.narratives.Share;
import org.sitroom.narratives.SituationRef;

/** Narratives: Every narrative with its size, accounts, languages, velocity and theme. */
@Route("narratives")
@PageTitle("Narratives · Sitroom")
@Menu(order = 1, title = "Narratives", icon = "vaadin:records")
@RolesAllowed("VIEWER")
@StyleSheet("context://styles/dashboard.css")
class NarrativesView extends Composite<ViewFrame> implements BeforeEnterObserver {

    private static final String ANY = "";

    private final NarrativeService narratives;
    private final Grid<NarrativeSummary> grid = new Grid<>();
    private final TextField text = new TextField();
    private final Select<Integer> theme = new Select<>();
    private final Select<String> language = new Select<>();
    private final Checkbox emergingOnly = new Checkbox("Emerging only");
    private final Span count = new Span();
    private final StaleBanner stale = new StaleBanner();
    private final Div body = new Div();
    private final ZoneToggle zoneToggle = new ZoneToggle(() -> grid.getDataProvider().refreshAll());
    private final LiveSubscription live;
    private String situation;
    private Map<Integer, String> themeLabels = Map.of();

    NarrativesView(NarrativeService narratives) {
        this.narratives = narratives;
        this.live = new LiveSubscription(this, this::reload,
                trigger -> situation == null ? null : narratives.subscribe(situation, change -> trigger.run()));
    }

    @Override
    protected ViewFrame initContent() {
        text.setId("narrative-filter-text");
        text.setPlaceholder("Title or keyword");
        text.setLabel("Text");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> reload());
        theme.setId("narrative-filter-theme");
        theme.setLabel("Theme");
        theme.setEmptySelectionAllowed(true);
        theme.setEmptySelectionCaption("Any theme");
        theme.setItemLabelGenerator(t -> t == null ? "Any theme" : "Theme " + (t + 1) + label(themeLabels.get(t)));
        theme.addValueChangeListener(e -> reload());
        language.setId("narrative-filter-language");
        language.setLabel("Language");
        language.setEmptySelectionAllowed(true);
        language.setEmptySelectionCaption("Any language");
        language.addValueChangeListener(e -> reload());
        emergingOnly.setId("narrative-filter-emerging");
        emergingOnly.addValueChangeListener(e -> reload());
        count.addClassName("muted");
        count.setId("narrative-count");
        Div filters = new Div(text, theme, language, emergingOnly, count);
        filters.addClassName("filters");

        grid.setId("narratives-grid");
        grid.addClassName("narratives-grid");
        grid.addColumn(LitRenderer.<NarrativeSummary>of(
                        "<span style='display:inline-flex;gap:6px;align-items:center'>"
                                + "<span class='swatch' style='background:${item.colour}'></span>"
                                + "<span>${item.title}</span></span>")
                        .withProperty("colour", n -> Palette.hex(n.colour()))
                        .withProperty("title", NarrativeSummary::title))
                .setHeader("Title").setKey(NarrativeQuery.Sort.TITLE.name()).setSortable(true).setFlexGrow(2)
                .setWidth("13rem");
        grid.addColumn(n -> String.join(", ", n.keywords())).setHeader("Keywords").setFlexGrow(2).setWidth("10rem");
        grid.addColumn(NarrativeSummary::size).setHeader("Posts").setKey(NarrativeQuery.Sort.SIZE.name())
                .setSortable(true).setTextAlign(ColumnTextAlign.END).setFlexGrow(0).setWidth("5.5rem");
        grid.addColumn(NarrativeSummary::accounts).setHeader("Accounts").setKey(NarrativeQuery.Sort.ACCOUNTS.name())
                .setSortable(true).setTextAlign(ColumnTextAlign.END).setFlexGrow(0).setWidth("6.5rem");
        grid.addColumn(n -> Bits.languages(n.languages(), 3)).setHeader("Languages").setFlexGrow(1).setWidth("7rem");
        grid.addColumn(n -> ViewerTime.format(n.firstSeen(), ViewerTime.zone())).setHeader("First seen")
                .setKey(NarrativeQuery.Sort.FIRST_SEEN.name()).setSortable(true).setFlexGrow(0).setWidth("10rem");
        grid.addColumn(LitRenderer.<NarrativeSummary>of(
                        "<div class='velocity' style='color:${item.velocityColour}'>${item.velocity}</div>"
                                + "<span class='badge emerging' ?hidden='${!item.emerging}'>emerging</span>")
                        .withProperty("velocity", n -> Bits.velocity(n.velocity()))
                        .withProperty("velocityColour", n -> n.emerging() ? "#b42318" : "inherit")
                        .withProperty("emerging", NarrativeSummary::emerging))
                .setHeader("Velocity").setKey(NarrativeQuery.Sort.VELOCITY.name()).setSortable(true)
                .setFlexGrow(0).setWidth("7rem");
        grid.addColumn(LitRenderer.<NarrativeSummary>of(
                        "<svg width='120' height='24' viewBox='0 0 120 24' role='img' aria-label='Posts per hour, last 24 hours'>"
                                + "<polyline fill='none' stroke-width='1.5' stroke='${item.colour}' points='${item.points}'></polyline></svg>")
                        .withProperty("colour", n -> Palette.hex(n.colour()))
                        .withProperty("points", n -> Sparkline.points(last24(n), 120, 24)))
                .setHeader("Last 24 h").setFlexGrow(0).setWidth("8.5rem");
        grid.addColumn(n -> Bits.theme(n, themeLabels)).setHeader("Theme").setKey(NarrativeQuery.Sort.THEME.name())
                .setSortable(true).setFlexGrow(1).setWidth("7rem");
        grid.addThemeName("wrap-cell-content");
        grid.setMultiSort(false);
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey(NarrativeQuery.Sort.SIZE.name()), SortDirection.DESCENDING)));
        grid.addItemClickListener(e -> getUI().ifPresent(ui ->
                ui.navigate(NarrativeDetailView.class, new RouteParameters("id", e.getItem().id()))));
        grid.setItems(query -> {
            NarrativeQuery.Sort sort = NarrativeQuery.Sort.SIZE;
            boolean descending = true;
            if (!query.getSortOrders().isEmpty()) {
                sort = NarrativeQuery.Sort.valueOf(query.getSortOrders().getFirst().getSorted());
                descending = query.getSortOrders().getFirst().getDirection() == SortDirection.DESCENDING;
            }
            return situation == null ? java.util.stream.Stream.empty()
                    : narratives.narratives(situation, query(sort, descending)).stream()
                    .skip(query.getOffset()).limit(query.getLimit());
        }, query -> situation == null ? 0 : narratives.narratives(situation, query(NarrativeQuery.Sort.SIZE, true)).size());
        grid.setWidthFull();
        grid.setHeight("34rem");

        Div spacer = new Div();
        spacer.addClassName("spacer");
        Div toolbar = new Div(spacer, zoneToggle);
        toolbar.addClassName("view-toolbar");
        body.setWidthFull();
        body.add(filters, grid);
        ViewFrame frame = new ViewFrame("Narratives",
                "Every narrative with its size, accounts, languages, velocity and theme. Click one for its detail.",
                toolbar, stale, body);
        frame.setId("view-narratives");
        return frame;
    }

    private static String label(String s) {
        return s == null || s.isBlank() ? "" : " · " + s;
    }

    private static List<Integer> last24(NarrativeSummary n) {
        // The last 24 hours up to now: hours after the narrative's last post are empty.
        Instant now = Instant.now();
        List<Integer> out = new ArrayList<>(24);
        long nowHour = Math.floorDiv(now.getEpochSecond(), 3600);
        long first = n.hourly().isEmpty() ? nowHour : Math.floorDiv(n.hourly().getFirst().hour().getEpochSecond(), 3600);
        for (long h = nowHour - 23; h <= nowHour; h++) {
            long i = h - first;
            out.add(i >= 0 && i < n.hourly().size() ? n.hourly().get((int) i).count() : 0);
        }
        return out;
    }

    private NarrativeQuery query(NarrativeQuery.Sort sort, boolean descending) {
        return new NarrativeQuery(text.getValue(), theme.getValue(),
                language.getValue() == null || ANY.equals(language.getValue()) ? null : language.getValue(),
                emergingOnly.getValue(), sort, descending);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        situation = narratives.resolve(event.getLocation().getQueryParameters().getSingleParameter("situation")
                .orElse(SituationChoice.get())).map(SituationRef::id).orElse(null);
        if (situation == null) {
            body.removeAll();
            body.add(new EmptyState(VaadinIcon.RECORDS, "No situation yet",
                    "Narratives appear here as soon as a situation exists and its posts are grouped."));
            return;
        }
        themeLabels = narratives.themes(situation);
        theme.setItems(new ArrayList<>(themeLabels.keySet()));
        language.setItems(narratives.languages(situation).stream().map(Share::key).toList());
        language.setItemLabelGenerator(l -> l == null ? "Any language" : l);
        reload();
    }

    private void reload() {
        grid.getDataProvider().refreshAll();
        if (situation != null) {
            int shown = narratives.narratives(situation, query(NarrativeQuery.Sort.SIZE, true)).size();
            int all = narratives.narratives(situation, NarrativeQuery.ALL).size();
            count.setText(shown == all ? all + " narratives" : shown + " of " + all + " narratives");
            OverviewFigures f = narratives.overview(situation);
            stale.update(f.latestPost(), Instant.now(), Duration.ofMinutes(narratives.staleAfterMinutes()));
            if (all == 0) {
                count.setText(f.totalPosts() == 0 ? "No posts yet: narratives appear once posts are grouped."
                        : f.totalPosts() + " posts are in but not grouped into narratives yet.");
            }
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ViewerTime.detect(attachEvent.getUI(), () -> {
            zoneToggle.refresh();
            grid.getDataProvider().refreshAll();
        });
    }
}
