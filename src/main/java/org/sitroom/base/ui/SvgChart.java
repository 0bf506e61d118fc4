package org.sitroom.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.DomListenerRegistration;
import java.util.function.Consumer;

/**
 * Shows an SVG chart inline and reports clicks on its parts. The SVG must come from Sitroom's own chart code
 * ({@link TimeChart}, {@link Sparkline}), which escapes every label; post text never reaches this as markup.
 */
public class SvgChart extends Div {

    /** Evaluated in the browser on click: the key of the clicked part, if it has one. */
    private static final String KEY = "event.target.closest('[data-key]')?.getAttribute('data-key')";

    private String shown;

    public SvgChart(String description) {
        addClassName("svg-chart");
        getElement().setAttribute("role", "group");
        getElement().setAttribute("aria-label", description);
    }

    /** Replaces the chart; nothing happens when it is unchanged, so live refreshes do not repaint needlessly. */
    public void show(String svg) {
        if (!svg.equals(shown)) {
            shown = svg;
            getElement().setProperty("innerHTML", svg);
        }
    }

    public void clear() {
        shown = null;
        getElement().setProperty("innerHTML", "");
    }

    /** Calls {@code listener} with the {@code data-key} of the clicked part (parts without a key are ignored). */
    public void onPartClick(Consumer<String> listener) {
        DomListenerRegistration reg = getElement().addEventListener("click", e -> {
            tools.jackson.databind.JsonNode key = e.getEventData().get(KEY);
            if (key != null && key.isString() && !key.asString().isEmpty()) {
                listener.accept(key.asString());
            }
        });
        reg.addEventData(KEY);
    }
}
