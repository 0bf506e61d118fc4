package org.sitroom.ingest.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that only writes down how long it was asked to wait, and moves the test clock by as much. */
final class RecordingSleeper implements Sleeper {

    final List<Duration> waits = new ArrayList<>();
    private final TestClock clock;

    RecordingSleeper(TestClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }
}
