package org.sitroom.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sitroom.ingest.pipeline.IngestLedger;
import org.sitroom.ingest.pipeline.QuarantineRerun;
import org.sitroom.ingest.pipeline.SourceSchedule;
import org.sitroom.ingest.situations.Durations;
import org.sitroom.ingest.situations.SituationStore;
import org.sitroom.ingest.situations.SourceRow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * What the Sources view does (ADMIN only): sources with their health, quarantine samples, edits of a situation's
 * name, description and keywords, switching sources on and off, running a source now, and re-running a source's
 * quarantine after its mapping was fixed. Edits are stored in the database (see {@code SituationStore} for how they
 * meet later edits of config/situations.yml).
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SourceAdmin {

    /** A source as the view lists it. */
    public record SourceLine(String id, String kind, boolean enabled, boolean defined, String origin, String interval,
                             SourceHealth health, long openQuarantine) {
    }

    /** One quarantined record for the view: where, why, and its first bytes as text. */
    public record QuarantineSample(long id, String position, String reason, String excerpt, long rawLength,
                                   Instant at) {
    }

    /** What a quarantine re-run did. */
    public record RerunSummary(int examined, int resolved, int stillBad, int added) {
    }

    private final SituationStore store;
    private final SourceMonitor monitor;
    private final IngestLedger ledger;
    private final SourceSchedule schedule;
    private final QuarantineRerun rerun;
    private final IngestSettings settings;

    SourceAdmin(SituationStore store, SourceMonitor monitor, IngestLedger ledger, SourceSchedule schedule,
                QuarantineRerun rerun, IngestSettings settings) {
        this.store = store;
        this.monitor = monitor;
        this.ledger = ledger;
        this.schedule = schedule;
        this.rerun = rerun;
        this.settings = settings;
    }

    public List<Situation> situations() {
        return store.situations();
    }

    public List<SourceLine> sources(String situationId) {
        Map<String, SourceHealth> health = new java.util.HashMap<>();
        monitor.health(situationId).forEach(h -> health.put(h.sourceId(), h));
        Map<String, Long> open = ledger.openQuarantineCounts();
        return store.sources(situationId).stream().map(row -> line(row, health.get(row.id()), open)).toList();
    }

    private static SourceLine line(SourceRow row, SourceHealth health, Map<String, Long> open) {
        var d = row.definition();
        return new SourceLine(d.id(), d.kind(), d.enabled(), row.defined(), row.origin(),
                "import".equals(d.kind()) ? "-" : Durations.format(d.interval()), health,
                open.getOrDefault(d.id(), 0L));
    }

    public List<QuarantineSample> quarantine(String sourceId) {
        return ledger.openQuarantine(sourceId, settings.quarantineSamples()).stream()
                .map(q -> new QuarantineSample(q.id(), q.position(), q.reason(), excerpt(q.raw()), q.rawLength(),
                        q.createdAt()))
                .toList();
    }

    public void editSituation(String id, String name, String description, List<String> keywords) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a situation needs a name");
        }
        if (!store.editSituation(id, name, description, keywords, user())) {
            throw new IllegalArgumentException("no situation " + id);
        }
    }

    public void setEnabled(String sourceId, boolean enabled) {
        if (!store.setEnabled(sourceId, enabled, user())) {
            throw new IllegalArgumentException("no source " + sourceId);
        }
        schedule.sync();
    }

    public boolean runNow(String sourceId) {
        return schedule.runNow(sourceId);
    }

    public RerunSummary rerunQuarantine(String sourceId) {
        QuarantineRerun.Result r = rerun.rerun(sourceId);
        return new RerunSummary(r.examined(), r.resolved(), r.stillBad(), r.added());
    }

    private static String excerpt(byte[] raw) {
        String text = new String(raw, 0, Math.min(raw.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        // Shown as text: control characters made visible, never interpreted.
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("⏎");
            } else if (c == '\t') {
                out.append("⇥");
            } else if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String user() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
