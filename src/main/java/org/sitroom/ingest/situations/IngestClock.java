package org.sitroom.ingest.situations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Ingest's "now": the system clock, which tests swap for a fixed or stepped one ({@link #set}) to replay a demo at a
 * chosen moment. A type of its own so no other module's clock is affected.
 */
public final class IngestClock extends Clock {

    private volatile Clock delegate = Clock.systemUTC();

    /** Uses this clock from now on (tests). */
    public void set(Clock clock) {
        this.delegate = clock;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return delegate.withZone(zone);
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }
}
