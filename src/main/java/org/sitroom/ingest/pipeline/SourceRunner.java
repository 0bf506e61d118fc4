package org.sitroom.ingest.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sitroom.ingest.DemoReplayStarted;
import org.sitroom.ingest.IngestSettings;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.connect.Batch;
import org.sitroom.ingest.connect.Connector;
import org.sitroom.ingest.connect.Cursor;
import org.sitroom.ingest.connect.FetchException;
import org.sitroom.ingest.connect.ReplayConnector;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationStore;
import org.sitroom.ingest.situations.SourceDefinition;
import org.sitroom.ingest.situations.SourceRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of a source (what its Quartz job does): fetch a batch under the stored cursor, put it through the
 * {@link IngestPipeline}, and go on while the source has more and the run is younger than
 * {@code sitroom.ingest.max-run-time}. A failed fetch leaves the cursor where it was and is recorded as the source's
 * error (visible in its health at once). One run per source at a time, whoever starts it (schedule, "run now",
 * quarantine re-run).
 */
public class SourceRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a run ended. */
    public enum Result { DONE, FAILED, SKIPPED, BUSY }

    private record Cached(SourceDefinition definition, Connector connector) {
    }

    private final SituationStore situations;
    private final IngestLedger ledger;
    private final IngestPipeline pipeline;
    private final ConnectorFactory connectors;
    private final IngestSettings settings;
    private final IngestClock clock;
    private final ApplicationEventPublisher events;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> demoAnnounced = ConcurrentHashMap.newKeySet();

    SourceRunner(SituationStore situations, IngestLedger ledger, IngestPipeline pipeline, ConnectorFactory connectors,
                 IngestSettings settings, IngestClock clock, ApplicationEventPublisher events) {
        this.situations = situations;
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.connectors = connectors;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** The per-source lock: runs, re-runs of the quarantine and imports of one source never overlap. */
    ReentrantLock lock(String sourceId) {
        return locks.computeIfAbsent(sourceId, id -> new ReentrantLock());
    }

    public Result run(String sourceId) {
        ReentrantLock lock = lock(sourceId);
        if (!lock.tryLock()) {
            return Result.BUSY;
        }
        try {
            return runLocked(sourceId);
        } finally {
            lock.unlock();
        }
    }

    private Result runLocked(String sourceId) {
        Optional<SourceRow> row = situations.source(sourceId);
        if (row.isEmpty() || !row.get().scheduled()) {
            return Result.SKIPPED;
        }
        Instant now = clock.instant();
        var stats = ledger.stats(sourceId);
        if (stats.isPresent() && stats.get().retryNotBefore() != null && now.isBefore(stats.get().retryNotBefore())) {
            return Result.SKIPPED; // the service asked us to wait (Retry-After)
        }
        SourceDefinition source = row.get().definition();
        try {
            Situation situation = situations.situation(source.situationId())
                    .orElseThrow(() -> new IllegalStateException("situation " + source.situationId() + " is gone"));
            Connector connector = connector(source);
            Instant deadline = now.plus(settings.maxRunTime());
            IngestPipeline.Outcome total = IngestPipeline.Outcome.EMPTY;
            boolean more;
            do {
                Cursor cursor = ledger.cursor(sourceId, "");
                long t0 = System.nanoTime();
                Batch batch = connector.fetch(cursor, settings.batchSize());
                pipeline.times().add(StageTimes.Stage.PARSE, System.nanoTime() - t0);
                String format = format(source, batch);
                String header = batch.quarantined().isEmpty() ? null : header(source, batch.next());
                total = total.plus(pipeline.process(sourceId, situation, "", batch.posts(), batch.quarantined(),
                        batch.next(), format, header));
                announceDemo(source, connector, batch.next());
                more = batch.more() && (batch.posts().size() + batch.quarantined().size() > 0
                        || !batch.next().equals(cursor));
            } while (more && clock.instant().isBefore(deadline) && !Thread.currentThread().isInterrupted());
            ledger.runFinished(sourceId, null, null);
            if (total.fetched() > 0) {
                log.debug("Source {}: {} posts fetched, {} new, {} re-delivered, {} quarantined", sourceId,
                        total.fetched(), total.added(), total.redelivered(), total.quarantined());
            }
            return Result.DONE;
        } catch (FetchException e) {
            Instant retry = e.retryAfter().map(now::plus).orElse(null);
            log.warn("Source {}: {}", sourceId, e.getMessage());
            ledger.runFinished(sourceId, e.getMessage(), retry);
            return Result.FAILED;
        } catch (RuntimeException | java.io.IOException e) {
            log.warn("Source {} failed", sourceId, e);
            ledger.runFinished(sourceId, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            // A connector that failed this way is rebuilt next time (its settings may have been fixed).
            Cached stale = cache.remove(sourceId);
            if (stale != null) {
                stale.connector().close();
            }
            return Result.FAILED;
        }
    }

    private Connector connector(SourceDefinition source) throws java.io.IOException {
        Cached cached = cache.get(source.id());
        if (cached != null && cached.definition().equals(source)) {
            return cached.connector();
        }
        if (cached != null) {
            cached.connector().close();
        }
        Connector connector = connectors.create(source);
        cache.put(source.id(), new Cached(source, connector));
        return connector;
    }

    /** The record format of a source's quarantined records, for re-runs. */
    private static String format(SourceDefinition source, Batch batch) {
        return switch (source.kind()) {
            case ConnectorFactory.REPLAY -> {
                ColumnMapping m = ConnectorFactory.mapping(source.settings().get("mapping"), ColumnMapping.DEMO_JSONL);
                yield (m.format() == null ? Format.JSONL : m.format()).name().toLowerCase(java.util.Locale.ROOT);
            }
            case "file-drop" -> fileOf(batch.next()).flatMap(Format::ofFileName)
                    .map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).orElse(null);
            default -> null;
        };
    }

    private String header(SourceDefinition source, Cursor next) {
        if (!"file-drop".equals(source.kind())) {
            return null;
        }
        return fileOf(next).map(name -> HeaderLine.of(Path.of(String.valueOf(source.settings().get("folder")))
                .resolve("inbox").resolve(name))).orElse(null);
    }

    private static Optional<String> fileOf(Cursor cursor) {
        if (cursor.isStart()) {
            return Optional.empty();
        }
        try {
            JsonNode file = JSON.readTree(cursor.value()).get("file");
            return file == null || file.isNull() ? Optional.empty() : Optional.of(file.asString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Tells the timeline (by event) where the demo replay stands, once per process, as soon as its start is in the
     * committed cursor (so the shifted start is the same after every restart).
     */
    private void announceDemo(SourceDefinition source, Connector connector, Cursor committed) {
        Object milestones = source.settings().get("milestones");
        if (!(connector instanceof ReplayConnector replay) || milestones == null || committed.isStart()
                || demoAnnounced.contains(source.id())) {
            return;
        }
        try {
            Instant shiftedStart = Instant.parse(JSON.readTree(committed.value()).get("start").asString());
            Path file = connectors.dataset(milestones.toString());
            demoAnnounced.add(source.id());
            // The replay's own recorded start and speed, so the milestones follow the very rule the posts do.
            events.publishEvent(new DemoReplayStarted(source.situationId(), shiftedStart,
                    replay.recordedStart().orElse(shiftedStart), replay.speed(), file));
        } catch (RuntimeException e) {
            log.warn("Source {}: the demo's milestones cannot be announced: {}", source.id(), e.getMessage());
            demoAnnounced.add(source.id());
        }
    }

    @Override
    public void close() {
        cache.values().forEach(c -> c.connector().close());
        cache.clear();
    }
}
