package org.sitroom.ingest.connect;

import java.time.Duration;

/** Waits between retries; injectable so tests record the waits instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps. */
    Sleeper REAL = duration -> Thread.sleep(duration);

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
