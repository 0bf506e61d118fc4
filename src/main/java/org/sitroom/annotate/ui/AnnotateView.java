package org.sitroom.annotate.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;

/** Annotate: Name, merge, split and label narratives; judge triplets. */
@Route("annotate")
@PageTitle("Annotate · Sitroom")
@Menu(order = 4, title = "Annotate", icon = "vaadin:edit")
@RolesAllowed("ANALYST")
class AnnotateView extends Composite<ViewFrame> {

    @Override
    protected ViewFrame initContent() {
        ViewFrame frame = new ViewFrame("Annotate", "Name, merge, split and label narratives; judge triplets.",
                new EmptyState(VaadinIcon.EDIT, "Nothing to annotate yet", "Analysts will name, merge and split narratives here and judge triplets (A is closer to B than to C); every edit is recorded with who and when."));
        frame.setId("view-annotate");
        return frame;
    }
}
