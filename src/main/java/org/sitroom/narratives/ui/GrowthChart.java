package org.sitroom.narratives.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeButton;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sitroom.base.ui.ChartPanel;
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
    private final List<Span> legendLabels = new ArrayList<>();
    private List<String> legendKeys;
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

    /**
     * The legend's entries. Live updates arrive every second while posts flow; when the same narratives are listed,
     * only their counts change in place, so an entry is not replaced under a user's pointer (which would lose a click).
     */
    private void showLegend(List<Growth.Series> all) {
        List<String> keys = all.stream().map(s -> s.narrativeId() + "|" + s.colour()).toList();
        if (keys.equals(legendKeys)) {
            for (int i = 0; i < all.size(); i++) {
                legendLabels.get(i).setText(legendText(all.get(i)));
            }
            return;
        }
        legendKeys = keys;
        legendLabels.clear();
        legend.removeAll();
        for (Growth.Series s : all) {
            Span label = new Span(legendText(s));
            legendLabels.add(label);
            if (s.narrativeId() == null) {
                Span other = new Span(Bits.swatch(s.colour()), label);
                other.addClassNames("legend-item", "static");
                legend.add(other);
            } else {
                NativeButton item = new NativeButton();
                item.addClassName("legend-item");
                item.getElement().setAttribute("data-narrative", s.narrativeId());
                item.add(Bits.swatch(s.colour()), label);
                item.addClickListener(e -> openNarrative.accept(s.narrativeId()));
                legend.add(item);
            }
        }
    }

    private static String legendText(Growth.Series s) {
        return s.label() + " (" + s.total() + ")";
    }
}
