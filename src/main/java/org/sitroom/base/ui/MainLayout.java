package org.sitroom.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.stream.Collectors;
import org.sitroom.base.CurrentSituation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.GrantedAuthority;

/**
 * The shell around every signed-in page: navigation built from the views the user may open, and a header with the
 * situation, a UTC/local clock and the signed-in user.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    private final Span clock = new Span();

    MainLayout(AuthenticationContext auth, ObjectProvider<CurrentSituation> situation) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), navigation());

        Span situationName = new Span(situation.getIfAvailable(() -> java.util.Optional::empty).name()
                .orElse("No situation yet"));
        situationName.addClassName("situation-name");
        situationName.setId("situation-name");

        clock.addClassName("header-clock");
        clock.setId("header-clock");

        String roles = auth.getAuthenticatedUser(org.springframework.security.core.userdetails.UserDetails.class)
                .map(u -> u.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted()
                        .collect(Collectors.joining(", ")))
                .orElse("");
        Span user = new Span(auth.getPrincipalName().orElse("?"));
        user.setId("signed-in-user");
        user.addClassName("signed-in-user");
        user.getElement().setAttribute("title", "Roles: " + roles);
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> auth.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("sign-out");

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), situationName, spacer(), clock, user, logout);
        header.addClassName("app-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        addToNavbar(header);
    }

    private static Div brand() {
        Div brand = new Div(new Span("Sitroom"));
        brand.addClassName("brand");
        return brand;
    }

    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        nav.addClassName("main-nav");
        // Only the views this user may open are listed: MenuConfiguration applies the views' access rules.
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() != null
                    ? new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()))
                    : new SideNavItem(entry.title(), entry.path());
            nav.addItem(item);
        }
        return nav;
    }

    private static Div spacer() {
        Div d = new Div();
        d.getStyle().set("flex-grow", "1");
        return d;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // Ticks in the browser: a clock needs no server round trip.
        clock.getElement().executeJs("""
                const el = this;
                const pad = n => String(n).padStart(2, '0');
                const tick = () => {
                  const d = new Date();
                  el.textContent = pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ' UTC  ·  '
                    + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ' local';
                };
                tick();
                clearInterval(el._tick);
                el._tick = setInterval(tick, 5000);
                """);
    }
}
