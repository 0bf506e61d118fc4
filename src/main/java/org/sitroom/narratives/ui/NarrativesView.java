package org.sitroom.narratives.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Narratives: Every narrative with its size, accounts, languages, velocity and theme. */
@Route("narratives")
@PageTitle("Narratives · Sitroom")
@Menu(order = 1, title = "Narratives", icon = "vaadin:records")
@RolesAllowed("VIEWER")
class NarrativesView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Narratives", "Every narrative with its size, accounts, languages, velocity and theme.",
                new EmptyState(VaadinIcon.RECORDS, "No narratives yet", "Narratives appear here as soon as ingested posts are grouped: title, keywords, size, distinct accounts, languages, first seen, velocity and a 24-hour sparkline."));
        frame.setId("view-narratives");
        return frame;
    }
}
