package org.sitroom.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;

/** What a page shows while it has nothing to show: what will appear here, and when. */
public class EmptyState extends Div {

    public EmptyState(VaadinIcon icon, String title, String explanation) {
        addClassName("empty-state");
        Icon i = icon.create();
        i.addClassName("empty-state-icon");
        H2 heading = new H2(title);
        Paragraph text = new Paragraph(explanation);
        add(i, heading, text);
    }
}
