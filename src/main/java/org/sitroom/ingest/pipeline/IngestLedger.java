package org.sitroom.ingest.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitroom.ingest.connect.Cursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest tables: each source's cursor, the batches committed, quarantined records, originals and running
 * totals. {@link #commit} is the second half of exactly-once: it runs only after the batch's posts are durable in
 * the post store, and writes the batch, its quarantine, its originals and the new cursor in ONE transaction. A
 * crash before it leaves the old cursor, so the batch is fetched again and its posts, already stored, are counted
 * as re-delivered; a crash after it has nothing left to redo.
 */
public class IngestLedger {

    /** One quarantined record or refused post, as stored. */
    public record QuarantineRow(String kind, String format, String header, String position, String reason, byte[] raw,
                                long rawLength) {
    }

    /** Everything a batch commits. {@code stream} is '' for a scheduled source, the file for an import. */
    public record BatchCommit(String sourceId, String stream, String situationId, Cursor next, int fetched, int added,
                              int redelivered, int copies, List<QuarantineRow> quarantined,
                              Map<String, String> originals, Instant earliest, Instant latest, double seconds) {
    }

    /** A stored quarantined record. */
    public record StoredQuarantine(long id, String sourceId, String situationId, String kind, String format,
                                   String header, String position, String reason, byte[] raw, long rawLength,
                                   Instant createdAt) {
    }

    /** Running totals of a source. */
    public record Stats(String sourceId, long runs, Instant lastRun, Instant lastSuccess, long postsIn,
                        long redelivered, long copies, long quarantined, long errors, int consecutiveFailures,
                        String lastError, Instant lastErrorAt, Instant retryNotBefore, Instant newestPost) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public IngestLedger(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    public Cursor cursor(String sourceId, String stream) {
        List<String> v = jdbc.queryForList("SELECT cursor FROM source_cursor WHERE source_id = ? AND stream = ?",
                String.class, sourceId, stream);
        return v.isEmpty() ? Cursor.START : Cursor.of(v.getFirst());
    }

    /** Writes the batch, its quarantine and originals, the new cursor and the totals in one transaction. */
    public long commit(BatchCommit b) {
        Instant now = clock.instant();
        Long id = tx.execute(status -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO ingest_batch (source_id, situation_id, committed_at, "
                        + "fetched, added, redelivered, copies, quarantined, earliest, latest, seconds) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"ID"});
                ps.setString(1, b.sourceId());
                ps.setString(2, b.situationId());
                ps.setObject(3, Sql.ts(now));
                ps.setInt(4, b.fetched());
                ps.setInt(5, b.added());
                ps.setInt(6, b.redelivered());
                ps.setInt(7, b.copies());
                ps.setInt(8, b.quarantined().size());
                ps.setObject(9, Sql.ts(b.earliest()));
                ps.setObject(10, Sql.ts(b.latest()));
                ps.setDouble(11, b.seconds());
                return ps;
            }, key);
            long batchId = key.getKey().longValue();
            if (!b.quarantined().isEmpty()) {
                jdbc.batchUpdate("INSERT INTO quarantine (source_id, situation_id, batch_id, kind, format, header, "
                                + "position, reason, raw, raw_length, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        b.quarantined().stream().map(q -> new Object[] {b.sourceId(), b.situationId(), batchId,
                                q.kind(), q.format(), Sql.cap(q.header(), 8000), Sql.cap(q.position(), 1000),
                                Sql.cap(q.reason(), 2000), q.raw(), q.rawLength(), Sql.ts(now)}).toList());
            }
            if (!b.originals().isEmpty()) {
                jdbc.batchUpdate("MERGE INTO post_original (post_id, text) KEY (post_id) VALUES (?, ?)",
                        b.originals().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
            }
            if (b.next() != null) {
                jdbc.update("MERGE INTO source_cursor (source_id, stream, cursor, updated_at) KEY (source_id, stream) "
                        + "VALUES (?, ?, ?, ?)", b.sourceId(), b.stream(), b.next().value(), Sql.ts(now));
            }
            ensureStats(b.sourceId());
            jdbc.update("UPDATE source_stats SET posts_in = posts_in + ?, redelivered = redelivered + ?, "
                            + "copies = copies + ?, quarantined = quarantined + ?, "
                            + "newest_post = CASE WHEN newest_post IS NULL OR newest_post < ? THEN ? ELSE newest_post END "
                            + "WHERE source_id = ?",
                    b.added(), b.redelivered(), b.copies(), b.quarantined().size(), Sql.ts(b.latest()),
                    Sql.ts(b.latest()), b.sourceId());
            return batchId;
        });
        return id == null ? -1 : id;
    }

    /** A run finished: successful ones clear the last error, failed ones count and keep it. */
    public void runFinished(String sourceId, String error, Instant retryNotBefore) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            ensureStats(sourceId);
            if (error == null) {
                jdbc.update("UPDATE source_stats SET runs = runs + 1, last_run = ?, last_success = ?, "
                        + "consecutive_failures = 0, last_error = NULL, retry_not_before = NULL WHERE source_id = ?",
                        Sql.ts(now), Sql.ts(now), sourceId);
            } else {
                jdbc.update("UPDATE source_stats SET runs = runs + 1, last_run = ?, errors = errors + 1, "
                        + "consecutive_failures = consecutive_failures + 1, last_error = ?, last_error_at = ?, "
                        + "retry_not_before = ? WHERE source_id = ?",
                        Sql.ts(now), Sql.cap(error, 2000), Sql.ts(now), Sql.ts(retryNotBefore), sourceId);
            }
        });
    }

    private void ensureStats(String sourceId) {
        // H2's MERGE updates only the listed column, so an existing row keeps its totals.
        jdbc.update("MERGE INTO source_stats (source_id) KEY (source_id) VALUES (?)", sourceId);
    }

    public Optional<Stats> stats(String sourceId) {
        return jdbc.query("SELECT * FROM source_stats WHERE source_id = ?", (rs, i) -> new Stats(
                rs.getString("source_id"), rs.getLong("runs"), Sql.instant(rs, "last_run"),
                Sql.instant(rs, "last_success"), rs.getLong("posts_in"), rs.getLong("redelivered"),
                rs.getLong("copies"), rs.getLong("quarantined"), rs.getLong("errors"),
                rs.getInt("consecutive_failures"), rs.getString("last_error"), Sql.instant(rs, "last_error_at"),
                Sql.instant(rs, "retry_not_before"), Sql.instant(rs, "newest_post")), sourceId).stream().findFirst();
    }

    /** Open (unresolved) quarantined records per source. */
    public Map<String, Long> openQuarantineCounts() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT source_id, COUNT(*) n FROM quarantine WHERE resolved_at IS NULL GROUP BY source_id "
                + "ORDER BY source_id", rs -> {
            out.put(rs.getString("source_id"), rs.getLong("n"));
        });
        return out;
    }

    /** The newest open quarantined records of a source, at most {@code limit}. */
    public List<StoredQuarantine> openQuarantine(String sourceId, int limit) {
        return jdbc.query("SELECT * FROM quarantine WHERE source_id = ? AND resolved_at IS NULL ORDER BY id DESC "
                + "LIMIT ?", (rs, i) -> row(rs), sourceId, limit);
    }

    /** Open quarantined records of a source with id above {@code afterId}, oldest first (re-runs page with it). */
    public List<StoredQuarantine> openQuarantineAfter(String sourceId, long afterId, int limit) {
        return jdbc.query("SELECT * FROM quarantine WHERE source_id = ? AND resolved_at IS NULL AND id > ? "
                + "ORDER BY id LIMIT ?", (rs, i) -> row(rs), sourceId, afterId, limit);
    }

    /** Every quarantined record of a source, resolved or not (tests and exports). */
    public List<StoredQuarantine> allQuarantine(String sourceId) {
        return jdbc.query("SELECT * FROM quarantine WHERE source_id = ? ORDER BY id", (rs, i) -> row(rs), sourceId);
    }

    /**
     * After a re-run's good posts are durable in the store: marks those records resolved, gives the still-bad ones
     * their new reason, and counts the batch, in one transaction.
     */
    public void resolveQuarantine(BatchCommit batch, List<Long> resolved, Map<Long, String> newReasons) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (!resolved.isEmpty()) {
                jdbc.batchUpdate("UPDATE quarantine SET resolved_at = ?, resolution = ? WHERE id = ?",
                        resolved.stream().map(id -> new Object[] {Sql.ts(now), "re-run: read into a post", id}).toList());
                jdbc.update("UPDATE source_stats SET quarantined = GREATEST(0, quarantined - ?) WHERE source_id = ?",
                        resolved.size(), batch.sourceId());
            }
            if (!newReasons.isEmpty()) {
                jdbc.batchUpdate("UPDATE quarantine SET reason = ? WHERE id = ?", newReasons.entrySet().stream()
                        .map(e -> new Object[] {Sql.cap(e.getValue(), 2000), e.getKey()}).toList());
            }
            commit(batch);
        });
    }

    private static StoredQuarantine row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredQuarantine(rs.getLong("id"), rs.getString("source_id"), rs.getString("situation_id"),
                rs.getString("kind"), rs.getString("format"), rs.getString("header"), rs.getString("position"),
                rs.getString("reason"), rs.getBytes("raw"), rs.getLong("raw_length"), Sql.instant(rs, "created_at"));
    }

    /** Batches of a source, newest first (tests and the view). */
    public List<Map<String, Object>> recentBatches(String sourceId, int limit) {
        return new ArrayList<>(jdbc.queryForList("SELECT * FROM ingest_batch WHERE source_id = ? ORDER BY id DESC "
                + "LIMIT ?", sourceId, limit));
    }
}
