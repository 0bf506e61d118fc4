package org.sitroom.timeline.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Timeline: Milestones and detected bursts on the event's time axis. */
@Route("timeline")
@PageTitle("Timeline · Sitroom")
@Menu(order = 2, title = "Timeline", icon = "vaadin:time-forward")
@RolesAllowed("VIEWER")
class TimelineView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Timeline", "Milestones and detected bursts on the event's time axis.",
                new EmptyState(VaadinIcon.TIME_FORWARD, "No milestones yet", "Milestones that analysts add and hours of unusual volume detected automatically will line up here, with the posts and narratives around each."));
        frame.setId("view-timeline");
        return frame;
    }
}
