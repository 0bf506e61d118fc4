package org.sitroom.briefing.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Briefings: Frozen snapshots of the situation, exported with their provenance. */
@Route("briefings")
@PageTitle("Briefings · Sitroom")
@Menu(order = 5, title = "Briefings", icon = "vaadin:file-text-o")
@RolesAllowed("VIEWER")
class BriefingsView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Briefings", "Frozen snapshots of the situation, exported with their provenance.",
                new EmptyState(VaadinIcon.FILE_TEXT_O, "No briefings yet", "Snapshots of the narratives and their growth, exported as reports with the model, parameters and data window behind them."));
        frame.setId("view-briefings");
        return frame;
    }
}
