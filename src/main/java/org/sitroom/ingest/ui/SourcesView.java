package org.sitroom.ingest.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Sources: Situations, sources, their health and quarantined records. */
@Route("sources")
@PageTitle("Sources · Sitroom")
@Menu(order = 6, title = "Sources", icon = "vaadin:database")
@RolesAllowed("ADMIN")
class SourcesView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Sources", "Situations, sources, their health and quarantined records.",
                new EmptyState(VaadinIcon.DATABASE, "No sources yet", "Each source of a situation will be listed with its last run, posts in, duplicates, quarantined records, errors and lag behind real time."));
        frame.setId("view-sources");
        return frame;
    }
}
