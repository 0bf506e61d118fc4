package org.sitroom.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address and pauses sign-in after too many, so guessing is slow.
 * Unknown user names are throttled exactly like known ones: the pause reveals nothing about who exists.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant windowStart, Instant lockedUntil) {
    }

    private final SecurityProperties.LoginThrottleSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(SecurityProperties properties) {
        this(properties.loginThrottle(), Clock.systemUTC());
    }

    LoginThrottle(SecurityProperties.LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    boolean isLocked(String username, String address) {
        Instant now = clock.instant();
        return locked(key("user", username), now) || locked(key("addr", address), now);
    }

    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        fail(key("user", username), now);
        fail(key("addr", address), now);
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().windowStart().plus(settings.window()).isBefore(now)
                    && (e.getValue().lockedUntil() == null || e.getValue().lockedUntil().isBefore(now)));
        }
    }

    void recordSuccess(String username) {
        failures.remove(key("user", username));
    }

    private boolean locked(String key, Instant now) {
        Failures f = failures.get(key);
        return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil());
    }

    private void fail(String key, Instant now) {
        failures.compute(key, (k, f) -> {
            if (f == null || f.windowStart().plus(settings.window()).isBefore(now)) {
                f = new Failures(0, now, null);
            }
            int count = f.count() + 1;
            Instant lockedUntil = count >= settings.maxFailures() ? now.plus(settings.lockout()) : f.lockedUntil();
            return new Failures(count, f.windowStart(), lockedUntil);
        });
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value.toLowerCase(java.util.Locale.ROOT));
    }
}
