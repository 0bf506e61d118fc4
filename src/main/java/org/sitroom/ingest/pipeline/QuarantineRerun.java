package org.sitroom.ingest.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Outcome;
import org.sitroom.ingest.format.RecordReader;
import org.sitroom.ingest.format.RecordReaders;
import org.sitroom.ingest.pipeline.IngestLedger.BatchCommit;
import org.sitroom.ingest.pipeline.IngestLedger.StoredQuarantine;
import org.sitroom.ingest.situations.IngestClock;
import org.sitroom.ingest.situations.SituationStore;
import org.sitroom.ingest.situations.SourceRow;

/**
 * Re-reads a source's quarantined records with the mapping the source has now (after an operator fixed it): the
 * stored raw bytes are parsed again (a CSV/TSV record behind its file's stored header line); records that now read
 * into posts go through the pipeline and, once durable in the store, are marked resolved in the same transaction
 * that counts them; the rest keep their place with the new reason. Records kept only in part (longer than
 * {@code Quarantined.MAX_RAW_BYTES}) and posts the engine refused cannot be re-read and stay.
 */
public class QuarantineRerun {

    /** What a re-run did. */
    public record Result(int examined, int resolved, int stillBad, int added) {
    }

    private static final int PAGE = 256;

    private final SituationStore situations;
    private final IngestLedger ledger;
    private final IngestPipeline pipeline;
    private final SourceRunner runner;
    private final IngestClock clock;

    QuarantineRerun(SituationStore situations, IngestLedger ledger, IngestPipeline pipeline, SourceRunner runner,
                    IngestClock clock) {
        this.situations = situations;
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.runner = runner;
        this.clock = clock;
    }

    public Result rerun(String sourceId) {
        SourceRow row = situations.source(sourceId)
                .orElseThrow(() -> new IllegalArgumentException("no source " + sourceId));
        Situation situation = situations.situation(row.definition().situationId()).orElseThrow();
        ReentrantLock lock = runner.lock(sourceId);
        lock.lock(); // waits for a scheduled run of this source to finish
        try {
            int examined = 0;
            int resolvedCount = 0;
            int stillBad = 0;
            int added = 0;
            long after = 0;
            for (List<StoredQuarantine> page = ledger.openQuarantineAfter(sourceId, after, PAGE); !page.isEmpty();
                 page = ledger.openQuarantineAfter(sourceId, after, PAGE)) {
                List<IncomingPost> posts = new ArrayList<>();
                List<Long> resolved = new ArrayList<>();
                Map<Long, String> reasons = new LinkedHashMap<>();
                for (StoredQuarantine q : page) {
                    after = q.id();
                    examined++;
                    Optional<String> problem = reread(row, q, posts);
                    if (problem.isEmpty()) {
                        resolved.add(q.id());
                    } else if (!problem.get().equals(q.reason())) {
                        reasons.put(q.id(), problem.get());
                    }
                }
                IngestPipeline.Prepared prepared = pipeline.prepare(sourceId, situation, posts);
                IngestPipeline.Stored stored = pipeline.store(prepared);
                ledger.resolveQuarantine(new BatchCommit(sourceId, "", situation.id(), null, posts.size(),
                        stored.report().added(), stored.report().alreadyStored(), stored.report().duplicates(),
                        prepared.quarantined(), prepared.originals(), stored.earliest(), stored.latest(), 0), resolved,
                        reasons);
                pipeline.announce(sourceId, situation, posts.size(), stored, 0);
                resolvedCount += resolved.size();
                stillBad += page.size() - resolved.size();
                added += stored.report().added();
            }
            return new Result(examined, resolvedCount, stillBad, added);
        } finally {
            lock.unlock();
        }
    }

    /** Parses one stored record again; adds the post and returns empty, or returns why it is still bad. */
    private Optional<String> reread(SourceRow row, StoredQuarantine q, List<IncomingPost> posts) {
        if (!"record".equals(q.kind())) {
            return Optional.of(q.reason());
        }
        if (q.rawLength() > q.raw().length) {
            return Optional.of(q.reason());
        }
        Format format;
        try {
            format = q.format() == null ? null : Format.named(q.format());
        } catch (IllegalArgumentException e) {
            format = null;
        }
        if (format == null) {
            return Optional.of(q.reason());
        }
        Optional<ColumnMapping> mapping = ConnectorFactory.mapping(row.definition(), format);
        if (mapping.isEmpty()) {
            return Optional.of(q.reason());
        }
        byte[] bytes = q.raw();
        if (format != Format.JSONL) {
            if (q.header() == null) {
                return Optional.of(q.reason());
            }
            byte[] header = (q.header() + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] joined = new byte[header.length + bytes.length];
            System.arraycopy(header, 0, joined, 0, header.length);
            System.arraycopy(bytes, 0, joined, header.length, bytes.length);
            bytes = joined;
        }
        var settings = new RecordReaders.Settings(row.id(), format, mapping.get().withFormat(format), clock,
                RecordReaders.DEFAULT_MAX_LINE_BYTES);
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(bytes), settings)) {
            for (Outcome o = reader.next(); o != null; o = reader.next()) {
                switch (o) {
                    case Outcome.Accepted a -> {
                        posts.add(a.post());
                        return Optional.empty();
                    }
                    case Outcome.Rejected r -> {
                        return Optional.of(q.position() + ": " + stripPlace(r.quarantined().reason()));
                    }
                }
            }
            return Optional.of(q.reason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A re-read's reason names line 1 or 2 of the little input; the record's own place is what matters. */
    private static String stripPlace(String reason) {
        int colon = reason.indexOf(": ");
        return reason.startsWith("line ") && colon > 0 ? reason.substring(colon + 2) : reason;
    }
}
