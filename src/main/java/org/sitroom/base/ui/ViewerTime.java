package org.sitroom.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time zone pages show times in: the browser's zone, or UTC when the viewer asks for it (a choice kept for
 * the session, so every page agrees). Times are always shown with their zone, never bare.
 */
public final class ViewerTime {

    private static final String BROWSER_ZONE = "sitroom.browser-zone";
    private static final String SHOW_UTC = "sitroom.show-utc";
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private ViewerTime() {
    }

    /** The zone to show times in for this session: UTC if chosen, else the browser's (UTC until it is known). */
    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || Boolean.TRUE.equals(session.getAttribute(SHOW_UTC))) {
            return ZoneOffset.UTC;
        }
        Object zone = session.getAttribute(BROWSER_ZONE);
        return zone instanceof ZoneId z ? z : ZoneOffset.UTC;
    }

    public static boolean showsUtc() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && Boolean.TRUE.equals(session.getAttribute(SHOW_UTC));
    }

    public static void showUtc(boolean utc) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SHOW_UTC, utc);
        }
    }

    /** Whether the browser's zone was learnt in this session. */
    public static boolean browserZoneKnown() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && session.getAttribute(BROWSER_ZONE) != null;
    }

    /** The browser's zone, if known. */
    public static ZoneId browserZone() {
        VaadinSession session = VaadinSession.getCurrent();
        Object zone = session == null ? null : session.getAttribute(BROWSER_ZONE);
        return zone instanceof ZoneId z ? z : null;
    }

    /** Asks the browser for its zone once per session; runs {@code then} when it is known (at once if it was). */
    public static void detect(UI ui, Runnable then) {
        if (browserZoneKnown()) {
            then.run();
            return;
        }
        ui.getPage().retrieveExtendedClientDetails(details -> {
            ZoneId zone = ZoneOffset.UTC;
            try {
                if (details.getTimeZoneId() != null && !details.getTimeZoneId().isBlank()) {
                    zone = ZoneId.of(details.getTimeZoneId());
                } else {
                    zone = ZoneOffset.ofTotalSeconds(details.getTimezoneOffset() / 1000);
                }
            } catch (DateTimeException e) {
                // an unknown zone name from an odd browser: UTC, clearly labelled, is the honest fallback
            }
            VaadinSession.getCurrent().setAttribute(BROWSER_ZONE, zone);
            then.run();
        });
    }

    /** "Europe/Athens (UTC+02:00)", or "UTC". */
    public static String label(ZoneId zone) {
        if (zone.normalized().equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.now());
        return zone.getId() + " (UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()) + ")";
    }

    /** "Sat 14 Mar 20:30". */
    public static String format(Instant t, ZoneId zone) {
        return t == null ? "–" : DAY_TIME.format(t.atZone(zone));
    }

    /** "20:30". */
    public static String formatTime(Instant t, ZoneId zone) {
        return t == null ? "–" : TIME.format(t.atZone(zone));
    }

    /** "Sat 14 Mar 20:00–21:00". */
    public static String hourRange(Instant hour, ZoneId zone) {
        return format(hour, zone) + "–" + formatTime(hour.plus(Duration.ofHours(1)), zone);
    }

    /** "3 min ago", "2 h 5 min ago", for staleness. */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h " + d.toMinutesPart() + " min ago";
        }
        return d.toDays() + " days ago";
    }
}
