package org.sitroom.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sitroom.ingest.SourceHealth;
import org.sitroom.ingest.SourceMonitor;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationStore;
import org.sitroom.ingest.situations.SourceRow;

/**
 * Health of the sources of a situation from their running totals: last run, posts in, re-delivered posts (the
 * duplicates ingest skipped), open quarantine, errors, and the lag of the newest post behind now. A run that fails
 * records its error at once, so a failing source shows within one interval.
 */
public class SourceHealthMonitor implements SourceMonitor {

    private final SituationStore situations;
    private final IngestLedger ledger;
    private final IngestClock clock;

    SourceHealthMonitor(SituationStore situations, IngestLedger ledger, IngestClock clock) {
        this.situations = situations;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public List<SourceHealth> health(String situationId) {
        Instant now = clock.instant();
        var open = ledger.openQuarantineCounts();
        return situations.sources(situationId).stream().map(row -> health(row, now, open.getOrDefault(row.id(), 0L)))
                .toList();
    }

    private SourceHealth health(SourceRow row, Instant now, long quarantined) {
        var stats = ledger.stats(row.id());
        String kind = row.definition().kind();
        if (stats.isEmpty()) {
            return new SourceHealth(row.id(), row.definition().situationId(), kind, null, 0, 0, quarantined, 0, null,
                    null);
        }
        var s = stats.get();
        Duration lag = s.newestPost() == null ? null : Duration.between(s.newestPost(), now);
        if (lag != null && lag.isNegative()) {
            lag = Duration.ZERO;
        }
        return new SourceHealth(row.id(), row.definition().situationId(), kind, s.lastRun(), s.postsIn(),
                s.redelivered(), quarantined, s.errors(), lag, s.lastError());
    }
}
