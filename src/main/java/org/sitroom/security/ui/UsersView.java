package org.sitroom.security.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.security.UserDirectory;
import org.sitroom.security.UserDirectory.UserSummary;

/** Users and their roles (ADMIN). Accounts are edited in config/users.yml, so this page only shows them. */
@Route("users")
@PageTitle("Users · Sitroom")
@Menu(order = 7, title = "Users", icon = "vaadin:users")
@RolesAllowed("ADMIN")
class UsersView extends Composite<ViewFrame> {

    private final UserDirectory users;

    UsersView(UserDirectory users) {
        this.users = users;
    }

    @Override
    protected ViewFrame initContent() {
        Grid<UserSummary> grid = new Grid<>(UserSummary.class, false);
        grid.setId("users-grid");
        grid.addColumn(UserSummary::username).setHeader("User").setSortable(true);
        grid.addColumn(u -> u.role().name()).setHeader("Role").setSortable(true);
        grid.addColumn(UserSummary::origin).setHeader("Defined in");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setItems(users.list());
        ViewFrame frame = new ViewFrame("Users", "Who may sign in, and with which role. Operators edit config/users.yml "
                + "(bcrypt hashes); VIEWER reads, ANALYST also annotates, ADMIN also manages sources and users.", grid);
        frame.setId("view-users");
        return frame;
    }
}
