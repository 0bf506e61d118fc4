package org.sitroom.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shown when a page fails: a reference to quote, the details only in the log. */
@AnonymousAllowed
class InternalErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(InternalErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Page {} failed (reference {})", event.getLocation().getPath(), reference, parameter.getCaughtException());
        removeAll();
        addClassName("error-page");
        setId("internal-error");
        add(new H1("Something went wrong"),
                new Paragraph("This page could not be shown. The error was logged with reference " + reference + "."),
                new Anchor("", "Back to the overview"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
