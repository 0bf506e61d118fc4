package org.sitroom.narratives.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.SituationChoice;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.base.ui.ZoneToggle;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.SearchHit;
import org.sitroom.engine.StoredPost;
import org.sitroom.narratives.NarrativeQuery;
import org.sitroom.narratives.NarrativeService;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.Share;
import org.sitroom.narratives.SituationRef;

/** Search: Find posts by words and by meaning. */
@Route("search")
@PageTitle("Search · Sitroom")
@Menu(order = 3, title = "Search", icon = "vaadin:search")
@RolesAllowed("VIEWER")
@StyleSheet("context://styles/dashboard.css")
class SearchView extends Composite<ViewFrame> implements BeforeEnterObserver {

    static final int RESULTS = 50;

    /** Time windows offered, as labels and lengths (null: any time). */
    private static final Map<String, Duration> WINDOWS = new java.util.LinkedHashMap<>();

    static {
        WINDOWS.put("Any time", null);
        WINDOWS.put("Last hour", Duration.ofHours(1));
        WINDOWS.put("Last 6 hours", Duration.ofHours(6));
        WINDOWS.put("Last 24 hours", Duration.ofHours(24));
        WINDOWS.put("Last 72 hours", Duration.ofHours(72));
    }

    private final NarrativeService narratives;
    private final TextField box = new TextField();
    private final Select<String> window = new Select<>();
    private final Select<String> language = new Select<>();
    private final Select<String> source = new Select<>();
    private final ComboBox<NarrativeSummary> narrative = new ComboBox<>();
    private final Div results = new Div();
    private final Span summary = new Span();
    private final ZoneToggle zoneToggle = new ZoneToggle(this::search);
    private String situation;

    SearchView(NarrativeService narratives) {
        this.narratives = narratives;
    }

    @Override
    protected ViewFrame initContent() {
        box.setId("search-box");
        box.setPlaceholder("Words, a hashtag or a whole sentence");
        box.setAriaLabel("Search posts");
        box.setPrefixComponent(VaadinIcon.SEARCH.create());
        box.setClearButtonVisible(true);
        box.setWidth("32rem");
        box.addKeyPressListener(Key.ENTER, e -> search());
        Button go = new Button("Search", e -> search());
        go.setId("search-button");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        window.setLabel("Time");
        window.setId("search-window");
        window.setItems(WINDOWS.keySet());
        window.setValue("Any time");
        language.setLabel("Language");
        language.setId("search-language");
        language.setEmptySelectionAllowed(true);
        language.setEmptySelectionCaption("Any language");
        source.setLabel("Source");
        source.setId("search-source");
        source.setEmptySelectionAllowed(true);
        source.setEmptySelectionCaption("Any source");
        narrative.setLabel("Narrative");
        narrative.setId("search-narrative");
        narrative.setItemLabelGenerator(NarrativeSummary::title);
        narrative.setClearButtonVisible(true);
        narrative.setPlaceholder("Any narrative");
        window.addValueChangeListener(e -> searchIfAsked());
        language.addValueChangeListener(e -> searchIfAsked());
        source.addValueChangeListener(e -> searchIfAsked());
        narrative.addValueChangeListener(e -> searchIfAsked());

        Div line = new Div(box, go, zoneToggle);
        line.addClassName("filters");
        Div filters = new Div(window, language, source, narrative);
        filters.addClassName("filters");
        summary.addClassName("muted");
        summary.setId("search-summary");
        results.setId("search-results");
        results.addClassName("cards");
        results.setWidthFull();
        results.add(new EmptyState(VaadinIcon.SEARCH, "Search the posts",
                "Rare words match exactly (BM25); a sentence also finds posts that say the same thing in other words."));

        ViewFrame frame = new ViewFrame("Search", "Find posts by words and by meaning.", line, filters, summary, results);
        frame.setId("view-search");
        return frame;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters params = event.getLocation().getQueryParameters();
        situation = narratives.resolve(params.getSingleParameter("situation").orElse(SituationChoice.get()))
                .map(SituationRef::id).orElse(null);
        if (situation == null) {
            results.removeAll();
            results.add(new EmptyState(VaadinIcon.SEARCH, "Nothing to search yet",
                    "Search works once a situation exists and its sources have delivered posts."));
            return;
        }
        language.setItems(narratives.languages(situation).stream().map(Share::key).toList());
        source.setItems(narratives.sources(situation).stream().map(Share::key).toList());
        narrative.setItems(narratives.narratives(situation, new NarrativeQuery(null, null, null, false,
                NarrativeQuery.Sort.TITLE, false)));
        params.getSingleParameter("q").ifPresent(q -> {
            box.setValue(q);
            search();
        });
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ViewerTime.detect(attachEvent.getUI(), zoneToggle::refresh);
    }

    private void searchIfAsked() {
        if (!box.getValue().isBlank()) {
            search();
        }
    }

    private void search() {
        if (situation == null) {
            return;
        }
        String q = box.getValue().strip();
        results.removeAll();
        if (q.isEmpty()) {
            summary.setText("Type something to search for.");
            return;
        }
        Duration w = WINDOWS.get(window.getValue());
        Instant from = w == null ? null : Instant.now().minus(w);
        PostFilter filter = new PostFilter(from, null, language.getValue(), source.getValue(),
                narrative.getValue() == null ? null : narrative.getValue().id());
        List<SearchHit> hits;
        try {
            hits = narratives.search(situation, q, filter, RESULTS);
        } catch (RuntimeException e) {
            summary.setText("The search failed. Try again in a moment; if it keeps failing, tell an administrator.");
            return;
        }
        summary.setText(hits.isEmpty() ? "No posts match \u201c" + q + "\u201d with these filters."
                : hits.size() + (hits.size() == RESULTS ? "+" : "") + " posts, best match first");
        ZoneId zone = ViewerTime.zone();
        for (SearchHit hit : hits) {
            results.add(result(hit, zone));
        }
    }

    private Div result(SearchHit hit, ZoneId zone) {
        StoredPost p = hit.post();
        Div card = new Div();
        card.addClassNames("card", "clickable", "search-result");
        card.getElement().setAttribute("data-post", p.id());
        card.getElement().setAttribute("tabindex", "0");
        card.getElement().setAttribute("role", "link");
        Div meta = new Div();
        meta.addClassName("card-meta");
        String narrativeTitle = p.narrativeId() == null ? "in no narrative"
                : narratives.narrative(situation, p.narrativeId()).map(NarrativeSummary::title).orElse("narrative " + p.narrativeId());
        int colour = p.narrativeId() == null ? -1
                : narratives.narrative(situation, p.narrativeId()).map(NarrativeSummary::colour).orElse(-1);
        meta.add(Bits.swatch(colour), new Span(" " + narrativeTitle + " · " + ViewerTime.format(p.time(), zone) + " · "
                + (p.author() == null ? "unknown account" : p.author()) + " · " + (p.language() == null ? "?" : p.language())
                + " · " + p.source() + " · matched by " + hit.matchedBy()));
        Paragraph text = new Paragraph();
        text.addClassName("post-text");
        highlight(text.getElement(), hit.snippet(), hit.highlights());
        card.add(meta, text);
        Runnable open = () -> open(p);
        card.addClickListener(e -> open.run());
        card.getElement().addEventListener("keydown", e -> open.run()).setFilter("event.key === 'Enter'");
        return card;
    }

    /**
     * The snippet as text nodes with each matched range in a {@code <mark>}: the snippet is split at the ranges
     * and every piece is set as text, so nothing in a post can become markup.
     */
    static void highlight(Element into, String snippet, List<SearchHit.Range> ranges) {
        List<SearchHit.Range> sorted = new ArrayList<>(ranges == null ? List.of() : ranges);
        sorted.sort(Comparator.comparingInt(SearchHit.Range::start));
        int at = 0;
        for (SearchHit.Range r : sorted) {
            int start = Math.max(at, Math.min(r.start(), snippet.length()));
            int end = Math.max(start, Math.min(r.end(), snippet.length()));
            if (start > at) {
                into.appendChild(Element.createText(snippet.substring(at, start)));
            }
            if (end > start) {
                Element mark = new Element("mark");
                mark.setText(snippet.substring(start, end));
                into.appendChild(mark);
            }
            at = end;
        }
        if (at < snippet.length()) {
            into.appendChild(Element.createText(snippet.substring(at)));
        }
    }

    private void open(StoredPost p) {
        if (p.narrativeId() != null && narratives.narrative(situation, p.narrativeId()).isPresent()) {
            getUI().ifPresent(ui -> ui.navigate(NarrativeDetailView.class, new RouteParameters("id", p.narrativeId()),
                    QueryParameters.of("post", p.id())));
            return;
        }
        // Posts in no narrative (noise, or not grouped yet) have no narrative page: show the post itself.
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Post in no narrative");
        dialog.setId("post-dialog");
        dialog.add(Bits.postCard(p, ViewerTime.zone()),
                new Paragraph("The clustering left this post outside every narrative (it says something no group of "
                        + "posts says, or it arrived after the last grouping)."));
        Button close = new Button("Close", e -> dialog.close());
        dialog.getFooter().add(close);
        dialog.open();
    }
}
