package org.sitroom.narratives.ui;

import com.vaadin.flow.component.HtmlContainer;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sitroom.base.ui.ChartPanel;
import org.sitroom.base.ui.KeyedChildren;
import org.sitroom.base.ui.Palette;
import org.sitroom.base.ui.TimeChart;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.narratives.Growth;
import org.sitroom.narratives.IncidentMark;

/**
 * A growth chart (stacked areas per narrative, "other" in grey) with the incident strip under it on the same time
 * axis, an HTML legend whose entries open the narrative (keyboard reachable, unlike the SVG), the strip's legend,
 * and the numbers as a table.
 */
class GrowthChart extends Div {

    static final int WIDTH = 1100;
    static final int HEIGHT = 380;

    private final ChartPanel panel;
    private final Div legend = new Div();
    private final KeyedChildren<String, LegendEntry> legendEntries = new KeyedChildren<>(legend, LegendEntry::root);
    private final Div stripLegend = new Div();
    private final Consumer<String> openNarrative;

    GrowthChart(String id, String description, Consumer<String> openNarrative, Runnable openTimeline) {
        this.openNarrative = openNarrative;
        addClassName("section");
        setWidthFull();
        panel = new ChartPanel(description);
        panel.setId(id);
        panel.chart().onPartClick(key -> {
            if (key.startsWith("mark:")) {
                openTimeline.run();
            } else {
                openNarrative.accept(key);
            }
        });
        legend.addClassName("legend");
        legend.setId(id + "-legend");
        stripLegend.addClassName("strip-legend");
        stripLegend.setId(id + "-strip");
        add(panel, legend, stripLegend);
    }

    void show(Growth g) {
        ZoneId zone = g.zone();
        List<TimeChart.Series> series = g.series().stream()
                .map(s -> new TimeChart.Series(s.narrativeId(), s.label(), Palette.awt(s.colour()), s.counts()))
                .toList();
        List<TimeChart.Mark> marks = new ArrayList<>();
        stripLegend.removeAll();
        int milestone = 0;
        for (int i = 0; i < g.marks().size(); i++) {
            IncidentMark m = g.marks().get(i);
            boolean burst = m.kind() == IncidentMark.Kind.BURST;
            String number = burst ? null : String.valueOf(++milestone);
            marks.add(new TimeChart.Mark("mark:" + i, m.from(), m.to(), m.title(), burst, number));
            Span item = new Span();
            if (burst) {
                Span label = new Span("▮ " + ViewerTime.format(m.from(), zone) + "–" + ViewerTime.formatTime(m.to(), zone)
                        + " " + m.title());
                label.addClassName("burst");
                item.add(label);
            } else {
                Span num = new Span(number);
                num.addClassName("num");
                item.add(num, new Span(ViewerTime.format(m.from(), zone) + " " + m.title()));
            }
            stripLegend.add(item);
        }
        if (g.marks().isEmpty()) {
            stripLegend.add(new Span("No milestones or bursts in this range."));
        }
        String svg = TimeChart.render(TimeChart.Kind.STACKED, g.hours(), series, marks, zone, WIDTH, HEIGHT);

        List<String> headers = new ArrayList<>();
        headers.add("Hour (" + ViewerTime.label(zone) + ")");
        g.series().forEach(s -> headers.add(s.label()));
        headers.add("Total");
        List<List<String>> rows = new ArrayList<>();
        for (int h = 0; h < g.hours().size(); h++) {
            List<String> row = new ArrayList<>();
            Instant hour = g.hours().get(h);
            row.add(ViewerTime.hourRange(hour, zone));
            int total = 0;
            for (Growth.Series s : g.series()) {
                row.add(String.valueOf(s.counts().get(h)));
                total += s.counts().get(h);
            }
            row.add(String.valueOf(total));
            rows.add(row);
        }
        panel.show(svg, headers, rows);

        showLegend(g.series());
    }

    /** The legend's entries, kept per narrative across live updates (see {@link KeyedChildren}). */
    private void showLegend(List<Growth.Series> all) {
        Map<String, Growth.Series> byKey = new HashMap<>();
        all.forEach(s -> byKey.put(legendKey(s), s));
        legendEntries.show(all.stream().map(GrowthChart::legendKey).toList(), key -> {
            Growth.Series s = byKey.get(key);
            LegendEntry entry = new LegendEntry(s.narrativeId() == null ? new Span() : new NativeButton());
            entry.root.addClassName("legend-item");
            entry.root.add(entry.swatch, entry.label);
            if (s.narrativeId() == null) {
                entry.root.addClassName("static");
            } else {
                entry.root.getElement().setAttribute("data-narrative", s.narrativeId());
                entry.root.getElement().addEventListener("click", e -> openNarrative.accept(s.narrativeId()));
            }
            return entry;
        }, (key, entry) -> {
            Growth.Series s = byKey.get(key);
            entry.swatch.getStyle().set("background", Palette.hex(s.colour()));
            entry.label.setText(legendText(s));
        });
    }

    /** "Other narratives" has no id; it is the one entry keyed by the empty string. */
    private static String legendKey(Growth.Series s) {
        return s.narrativeId() == null ? "" : s.narrativeId();
    }

    /** One legend entry: a button that opens its narrative (a plain span for "other"), its swatch and its label. */
    private record LegendEntry(HtmlContainer root, Span swatch, Span label) {
        LegendEntry(HtmlContainer root) {
            this(root, Bits.swatch(-1), new Span());
        }
    }

    private static String legendText(Growth.Series s) {
        return s.label() + " (" + s.total() + ")";
    }
}
