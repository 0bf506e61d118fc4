package org.sitroom.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The common frame of a page: a title, a one-line purpose, then the content. */
public class ViewFrame extends VerticalLayout {

    public ViewFrame(String title, String purpose, Component... content) {
        addClassName("view-frame");
        setSizeFull();
        setPadding(true);
        H1 heading = new H1(title);
        heading.addClassName("view-title");
        Paragraph lead = new Paragraph(purpose);
        lead.addClassName("view-purpose");
        add(heading, lead);
        add(content);
    }
}
