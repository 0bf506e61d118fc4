package org.sitroom.narratives.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Overview: The situation at a glance: volume, active and emerging narratives, growth hour by hour. */
@Route("")
@PageTitle("Overview · Sitroom")
@Menu(order = 0, title = "Overview", icon = "vaadin:dashboard")
@RolesAllowed("VIEWER")
class OverviewView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Overview", "The situation at a glance: volume, active and emerging narratives, growth hour by hour.",
                new EmptyState(VaadinIcon.DASHBOARD, "No narratives yet", "Once posts arrive, this page shows posts in the last hour, active and emerging narratives, the narrative growth chart and the incident timeline."));
        frame.setId("view-overview");
        return frame;
    }
}
