package org.sitroom.base.ui;

import com.vaadin.flow.component.Component;
import java.util.function.Function;

/**
 * A view's subscription to live changes: opened when the view is attached (and again by {@link #renew()} when it
 * starts following something else), closed when it is detached, so a closed tab leaves no listener behind. Changes
 * redraw the view through {@link LiveUpdates}, at most once per {@link LiveUpdates#DEFAULT_INTERVAL}.
 */
public final class LiveSubscription {

    private final Component view;
    private final Runnable redraw;
    private final Function<Runnable, ? extends AutoCloseable> subscribe;
    private AutoCloseable open;

    /**
     * @param redraw    runs in the UI after changes
     * @param subscribe given the trigger to call on each change (from any thread), subscribes and returns what ends
     *                  the subscription; null when the view follows nothing (yet)
     */
    public LiveSubscription(Component view, Runnable redraw, Function<Runnable, ? extends AutoCloseable> subscribe) {
        this.view = view;
        this.redraw = redraw;
        this.subscribe = subscribe;
        view.addAttachListener(e -> renew());
        view.addDetachListener(e -> close());
    }

    /** Ends the current subscription and, while the view is attached, subscribes again (to what it follows now). */
    public void renew() {
        close();
        view.getUI().ifPresent(ui -> {
            LiveUpdates live = LiveUpdates.throttled(ui, LiveUpdates.DEFAULT_INTERVAL, redraw);
            open = subscribe.apply(live::changed);
        });
    }

    private void close() {
        AutoCloseable closing = open;
        open = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not end a live subscription", e);
            }
        }
    }
}
