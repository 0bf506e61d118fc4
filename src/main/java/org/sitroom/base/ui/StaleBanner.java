package org.sitroom.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.Duration;
import java.time.Instant;

/** Says plainly when no new posts have arrived for a while, so nobody mistakes old figures for the present. */
public class StaleBanner extends Div {

    private final Span text = new Span();

    public StaleBanner() {
        addClassName("stale-banner");
        setId("stale-banner");
        getElement().setAttribute("role", "status");
        add(VaadinIcon.WARNING.create(), text);
        setVisible(false);
    }

    /** Shows the banner when the newest post is older than {@code staleAfter} (or there is none). */
    public void update(Instant latestPost, Instant now, Duration staleAfter) {
        if (latestPost == null) {
            text.setText("No posts have arrived yet for this situation. Figures appear as sources deliver.");
            setVisible(true);
        } else if (latestPost.isBefore(now.minus(staleAfter))) {
            text.setText("Data may be stale: the newest post arrived " + ViewerTime.ago(latestPost, now)
                    + " (more than " + staleAfter.toMinutes() + " minutes without new posts). Check the sources.");
            setVisible(true);
        } else {
            setVisible(false);
        }
    }
}
