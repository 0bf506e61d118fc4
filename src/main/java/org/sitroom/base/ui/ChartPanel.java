package org.sitroom.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.List;

/** A chart with a "Show table" toggle: the same numbers as an accessible table, for every chart. */
public class ChartPanel extends Div {

    private final SvgChart chart;
    private final DataTable table;
    private final Button toggle = new Button("Show as table", VaadinIcon.TABLE.create());

    public ChartPanel(String description) {
        addClassName("chart-panel");
        chart = new SvgChart(description);
        table = new DataTable(description);
        table.setVisible(false);
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        toggle.addClassName("chart-table-toggle");
        toggle.getElement().setAttribute("aria-expanded", "false");
        toggle.addClickListener(e -> {
            boolean showTable = !table.isVisible();
            table.setVisible(showTable);
            chart.setVisible(!showTable);
            toggle.setText(showTable ? "Show as chart" : "Show as table");
            toggle.setIcon(showTable ? VaadinIcon.CHART_TIMELINE.create() : VaadinIcon.TABLE.create());
            toggle.getElement().setAttribute("aria-expanded", String.valueOf(showTable));
        });
        add(toggle, chart, table);
    }

    public SvgChart chart() {
        return chart;
    }

    public Button toggle() {
        return toggle;
    }

    public void show(String svg, List<String> headers, List<List<String>> rows) {
        chart.show(svg);
        table.setData(headers, rows);
    }
}
