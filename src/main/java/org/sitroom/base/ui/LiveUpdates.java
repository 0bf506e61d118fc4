package org.sitroom.base.ui;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes background changes into a page at most once per interval: however many changes arrive, the page
 * redraws once with the newest state, through {@link UI#access}, so there are no full reloads and no flicker.
 */
public final class LiveUpdates {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-updates");
        t.setDaemon(true);
        return t;
    });

    private final UI ui;
    private final Runnable update;
    private final long intervalNanos;
    private boolean scheduled;
    private long last = System.nanoTime() - Long.MAX_VALUE / 2;

    private LiveUpdates(UI ui, Duration interval, Runnable update) {
        this.ui = ui;
        this.update = update;
        this.intervalNanos = interval.toNanos();
    }

    /** A trigger that runs {@code update} in the UI at most once per {@code interval}. */
    public static LiveUpdates throttled(UI ui, Duration interval, Runnable update) {
        return new LiveUpdates(ui, interval, update);
    }

    /** Something changed: redraw soon (coalesced). Safe from any thread. */
    public synchronized void changed() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        long wait = Math.max(0, last + intervalNanos - System.nanoTime());
        TIMER.schedule(this::run, wait, TimeUnit.NANOSECONDS);
    }

    private void run() {
        synchronized (this) {
            scheduled = false;
            last = System.nanoTime();
        }
        if (ui.isAttached()) {
            ui.access(update::run);
        }
    }
}
