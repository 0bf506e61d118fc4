package org.sitroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            new SecurityProperties.LoginThrottleSettings(3, Duration.ofMinutes(15), Duration.ofMinutes(5)), clock);

    @Test
    void locksAfterTooManyFailuresThenReleases() {
        throttle.recordFailure("ana", "10.0.0.1");
        throttle.recordFailure("ana", "10.0.0.2");
        assertThat(throttle.isLocked("ana", "10.0.0.9")).isFalse();
        throttle.recordFailure("ana", "10.0.0.3");
        assertThat(throttle.isLocked("ana", "10.0.0.9")).as("same user, any address").isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.isLocked("ana", "10.0.0.9")).isFalse();
    }

    @Test
    void locksAnAddressThatTriesManyNames() {
        throttle.recordFailure("a", "10.0.0.1");
        throttle.recordFailure("b", "10.0.0.1");
        throttle.recordFailure("c", "10.0.0.1");
        assertThat(throttle.isLocked("d", "10.0.0.1")).isTrue();
        assertThat(throttle.isLocked("d", "10.0.0.2")).isFalse();
    }

    @Test
    void unknownAndKnownNamesAreThrottledAlike() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("no-such-user", "10.0.0." + i);
        }
        assertThat(throttle.isLocked("no-such-user", "10.0.0.50")).isTrue();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        throttle.recordFailure("ana", "1");
        throttle.recordFailure("ana", "2");
        clock.advance(Duration.ofMinutes(16));
        throttle.recordFailure("ana", "3");
        assertThat(throttle.isLocked("ana", "4")).isFalse();
    }

    @Test
    void successResetsTheUsersCount() {
        throttle.recordFailure("ana", "1");
        throttle.recordFailure("ana", "2");
        throttle.recordSuccess("ana");
        throttle.recordFailure("ana", "3");
        assertThat(throttle.isLocked("ana", "4")).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
