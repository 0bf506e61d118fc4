package org.sitroom.base.ui;

import com.vaadin.flow.server.VaadinSession;

/** The situation a viewer chose, kept for the session so every page shows the same one. */
public final class SituationChoice {

    private static final String KEY = "sitroom.situation";

    private SituationChoice() {
    }

    /** The chosen situation id, or null when none was chosen (pages then show the default). */
    public static String get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? null : (String) session.getAttribute(KEY);
    }

    public static void set(String situationId) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(KEY, situationId);
        }
    }
}
