package org.sitroom.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import java.util.List;

/**
 * A plain, accessible HTML table of a chart's numbers (what screen readers and careful readers need). Cells are
 * set as text, never as markup.
 *
 * <p>The rows are drawn only while the table is shown, and only when they changed. Hidden behind its toggle, the
 * overview's table (about 800 cells) used to be rebuilt and sent to the browser on every page load and every live
 * update, for a toggle most viewers never press.
 */
public class DataTable extends Div {

    private List<String> headers = List.of();
    private List<List<String>> rows = List.of();
    private boolean drawn = true; // the empty table is what the element holds

    public DataTable(String caption) {
        addClassName("data-table");
        Element table = new Element("table");
        Element cap = new Element("caption");
        cap.setText(caption);
        table.appendChild(cap);
        getElement().appendChild(table);
    }

    /** Replaces the rows (the first column is a row header): drawn now if the table is shown, else when it is. */
    public void setData(List<String> headers, List<List<String>> rows) {
        if (headers.equals(this.headers) && rows.equals(this.rows)) {
            return;
        }
        this.headers = headers;
        this.rows = rows;
        drawn = false;
        if (isVisible()) {
            draw();
        }
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible && !drawn) {
            draw();
        }
    }

    private void draw() {
        drawn = true;
        Element table = getElement().getChild(0);
        while (table.getChildCount() > 1) {
            table.removeChild(1);
        }
        Element head = new Element("thead");
        Element hr = new Element("tr");
        headers.forEach(h -> {
            Element th = new Element("th");
            th.setAttribute("scope", "col");
            th.setText(h);
            hr.appendChild(th);
        });
        head.appendChild(hr);
        Element body = new Element("tbody");
        for (List<String> row : rows) {
            Element tr = new Element("tr");
            for (int i = 0; i < row.size(); i++) {
                Element cell = new Element(i == 0 ? "th" : "td");
                if (i == 0) {
                    cell.setAttribute("scope", "row");
                }
                cell.setText(row.get(i));
                tr.appendChild(cell);
            }
            body.appendChild(tr);
        }
        table.appendChild(head, body);
    }
}
