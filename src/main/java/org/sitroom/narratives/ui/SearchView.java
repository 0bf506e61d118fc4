package org.sitroom.narratives.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Search: Find posts by words and by meaning. */
@Route("search")
@PageTitle("Search · Sitroom")
@Menu(order = 3, title = "Search", icon = "vaadin:search")
@RolesAllowed("VIEWER")
class SearchView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Search", "Find posts by words and by meaning.",
                new EmptyState(VaadinIcon.SEARCH, "Search is not available yet", "One box that finds posts by rare words (BM25) and by paraphrase (semantic search), with filters for time, language, source and narrative."));
        frame.setId("view-search");
        return frame;
    }
}
