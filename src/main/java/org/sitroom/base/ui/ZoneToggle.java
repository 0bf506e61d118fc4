package org.sitroom.base.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * Says which zone the page's times are in and switches between the browser's zone and UTC (for the session).
 */
public class ZoneToggle extends HorizontalLayout {

    private final Span label = new Span();
    private final Checkbox utc = new Checkbox("UTC");

    /** @param changed runs after the viewer switched, so the page can redraw its times */
    public ZoneToggle(Runnable changed) {
        addClassName("zone-toggle");
        setAlignItems(FlexComponent.Alignment.CENTER);
        setSpacing(true);
        label.addClassName("zone-label");
        label.setId("zone-label");
        utc.setId("utc-toggle");
        utc.setValue(ViewerTime.showsUtc());
        utc.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                ViewerTime.showUtc(e.getValue());
                refresh();
                changed.run();
            }
        });
        add(label, utc);
        refresh();
    }

    /** Updates the label, e.g. once the browser's zone is known. */
    public void refresh() {
        label.setText("Times in " + ViewerTime.label(ViewerTime.zone()));
        utc.setValue(ViewerTime.showsUtc());
    }
}
