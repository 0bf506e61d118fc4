package org.sitroom.ingest.situations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sitroom.ingest.Situation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Situations and sources in the database: the definitions of config/situations.yml (or the built-in demo, or
 * {@code import}) with ADMIN's edits from the Sources view.
 *
 * <p>Who wins: each row keeps the hash of the file's definition it was last set from. At start, a definition whose
 * hash changed (someone edited the file) is applied over the row, replacing UI edits; an unchanged one leaves the
 * row, UI edits included, as it is. So the file and the UI never fight silently: the newer edit wins, and the file
 * always wins once it is changed. Sources the file no longer lists stay (their posts belong to them) but stop.
 */
public class SituationStore {

    private static final Logger log = LoggerFactory.getLogger(SituationStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Keys sorted, so the same definition always hashes the same (Map.of has no stable order). */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /**
     * The situations as last read. Every page load asks for its situation, and situations change only through
     * this class (the file's sync, ADMIN's edits, imports; the embedded database belongs to this process), so reads
     * come from this copy, which each write drops once it is committed. Guarded by {@code this}.
     */
    private List<Situation> cached;

    public SituationStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Applies definitions ({@code origin} file or builtin) as described above. */
    public void sync(List<SituationDefinition> definitions, String origin) {
        try {
            syncInTransaction(definitions, origin);
        } finally {
            forget();
        }
    }

    private void syncInTransaction(List<SituationDefinition> definitions, String origin) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Set<String> definedSources = new java.util.HashSet<>();
            for (SituationDefinition d : definitions) {
                String hash = hash(Map.of("name", d.name(), "description", d.description(),
                        "start", String.valueOf(d.start()), "zone", d.zone().getId(), "keywords", d.keywords(),
                        "languages", d.languages()));
                List<String> stored = jdbc.queryForList("SELECT COALESCE(file_hash, '') FROM situation WHERE id = ?",
                        String.class, d.id());
                if (stored.isEmpty()) {
                    jdbc.update("INSERT INTO situation (id, name, description, start_time, zone, keywords, languages, "
                                    + "origin, file_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            d.id(), d.name(), d.description(), ts(d.start() == null ? now : d.start()), d.zone().getId(),
                            lines(d.keywords()), lines(d.languages()), origin, hash, ts(now));
                } else if (!stored.getFirst().equals(hash)) {
                    log.info("Situation {}: its definition changed; applying it (edits made in the Sources view are "
                            + "replaced)", d.id());
                    jdbc.update("UPDATE situation SET name = ?, description = ?, start_time = COALESCE(?, start_time), "
                                    + "zone = ?, keywords = ?, languages = ?, origin = ?, file_hash = ?, updated_at = ?, "
                                    + "updated_by = NULL WHERE id = ?",
                            d.name(), d.description(), ts(d.start()), d.zone().getId(), lines(d.keywords()),
                            lines(d.languages()), origin, hash, ts(now), d.id());
                }
                for (SourceDefinition s : d.sources()) {
                    definedSources.add(s.id());
                    syncSource(s, origin, now);
                }
            }
            // Sources the definitions no longer list stop; imports are not defined by the file and stay.
            List<String> gone = jdbc.queryForList("SELECT id FROM source WHERE defined AND origin <> 'import'",
                    String.class).stream().filter(id -> !definedSources.contains(id)).toList();
            for (String id : gone) {
                log.info("Source {} is no longer defined; it stops (its posts stay)", id);
                jdbc.update("UPDATE source SET defined = FALSE, updated_at = ? WHERE id = ?", ts(now), id);
            }
        });
    }

    private void syncSource(SourceDefinition s, String origin, Instant now) {
        String hash = hash(Map.of("situation", s.situationId(), "kind", s.kind(), "settings", s.settings(),
                "interval", s.interval().toMillis(), "enabled", s.enabled()));
        List<Map<String, Object>> stored = jdbc.queryForList("SELECT situation_id, COALESCE(file_hash, '') h, "
                + "defined FROM source WHERE id = ?", s.id());
        if (stored.isEmpty()) {
            jdbc.update("INSERT INTO source (id, situation_id, kind, settings, interval_ms, enabled, defined, origin, "
                            + "file_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)",
                    s.id(), s.situationId(), s.kind(), JSON.writeValueAsString(s.settings()), s.interval().toMillis(),
                    s.enabled(), origin, hash, ts(now));
        } else if (!hash.equals(stored.getFirst().get("H")) || !Boolean.TRUE.equals(stored.getFirst().get("DEFINED"))) {
            if (!s.situationId().equals(stored.getFirst().get("SITUATION_ID"))) {
                throw new SituationsFileException("source '" + s.id() + "' belongs to situation '"
                        + stored.getFirst().get("SITUATION_ID") + "' and cannot move to '" + s.situationId()
                        + "' (its posts are that situation's); give the new source another id");
            }
            jdbc.update("UPDATE source SET kind = ?, settings = ?, interval_ms = ?, enabled = ?, defined = TRUE, "
                            + "origin = ?, file_hash = ?, updated_at = ?, updated_by = NULL WHERE id = ?",
                    s.kind(), JSON.writeValueAsString(s.settings()), s.interval().toMillis(), s.enabled(), origin,
                    hash, ts(now), s.id());
        }
    }

    /** All situations, newest start first. */
    public synchronized List<Situation> situations() {
        if (cached == null) {
            cached = List.copyOf(read());
        }
        return cached;
    }

    public Optional<Situation> situation(String id) {
        return situations().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private List<Situation> read() {
        return jdbc.query("SELECT * FROM situation ORDER BY start_time DESC, id", (rs, i) -> situation(rs));
    }

    /** Drops the copy after a committed write (a read racing the write is dropped with it). */
    private synchronized void forget() {
        cached = null;
    }

    public List<SourceRow> sources() {
        return jdbc.query("SELECT * FROM source ORDER BY situation_id, id", (rs, i) -> source(rs));
    }

    public List<SourceRow> sources(String situationId) {
        return jdbc.query("SELECT * FROM source WHERE situation_id = ? ORDER BY id", (rs, i) -> source(rs), situationId);
    }

    public Optional<SourceRow> source(String id) {
        return jdbc.query("SELECT * FROM source WHERE id = ?", (rs, i) -> source(rs), id).stream().findFirst();
    }

    /** ADMIN's edit of a situation's name, description and keywords. */
    public boolean editSituation(String id, String name, String description, List<String> keywords, String by) {
        try {
            return jdbc.update("UPDATE situation SET name = ?, description = ?, keywords = ?, updated_at = ?, "
                    + "updated_by = ? WHERE id = ?", name.strip(), description == null ? "" : description.strip(),
                    lines(keywords), ts(clock.instant()), by, id) == 1;
        } finally {
            forget();
        }
    }

    /** ADMIN's switch of a source on or off. */
    public boolean setEnabled(String sourceId, boolean enabled, String by) {
        return jdbc.update("UPDATE source SET enabled = ?, updated_at = ?, updated_by = ? WHERE id = ?", enabled,
                ts(clock.instant()), by, sourceId) == 1;
    }

    /** The situation with this id or name (any case), created when there is none (for {@code import}). */
    public Situation ensureSituation(String idOrName) {
        try {
            return ensureSituationInTransaction(idOrName);
        } finally {
            forget();
        }
    }

    private Situation ensureSituationInTransaction(String idOrName) {
        return tx.execute(status -> {
            for (Situation s : read()) {
                if (s.id().equals(idOrName) || s.name().equalsIgnoreCase(idOrName.strip())) {
                    return s;
                }
            }
            String id = Ids.problem(idOrName) == null ? idOrName : Ids.slug(idOrName);
            Instant now = clock.instant();
            jdbc.update("INSERT INTO situation (id, name, description, start_time, zone, origin, updated_at) "
                    + "VALUES (?, ?, ?, ?, 'UTC', 'import', ?)", id, idOrName.strip(), "Created by sitroom import.",
                    ts(now), ts(now));
            log.info("Created situation {} ({}) for an import", id, idOrName);
            return read().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        });
    }

    /** The import source of a situation with these settings (format and mapping), created or updated. */
    public SourceRow ensureImportSource(String sourceId, String situationId, Map<String, Object> settings) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            Optional<SourceRow> existing = source(sourceId);
            if (existing.isPresent() && !existing.get().definition().situationId().equals(situationId)) {
                throw new IllegalArgumentException("source " + sourceId + " belongs to situation "
                        + existing.get().definition().situationId());
            }
            jdbc.update("MERGE INTO source (id, situation_id, kind, settings, interval_ms, enabled, defined, origin, "
                            + "updated_at) KEY (id) VALUES (?, ?, 'import', ?, 0, TRUE, TRUE, 'import', ?)",
                    sourceId, situationId, JSON.writeValueAsString(settings), ts(now));
        });
        return source(sourceId).orElseThrow();
    }

    private static Situation situation(ResultSet rs) throws SQLException {
        return new Situation(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getObject("start_time", OffsetDateTime.class).toInstant(), ZoneId.of(rs.getString("zone")),
                split(rs.getString("keywords")), split(rs.getString("languages")));
    }

    private static SourceRow source(ResultSet rs) throws SQLException {
        Map<String, Object> settings = JSON.readValue(rs.getString("settings"), new TypeReference<Map<String, Object>>() {
        });
        SourceDefinition def = new SourceDefinition(rs.getString("id"), rs.getString("situation_id"),
                rs.getString("kind"), settings, Duration.ofMillis(rs.getLong("interval_ms")), rs.getBoolean("enabled"));
        return new SourceRow(def, rs.getBoolean("defined"), rs.getString("origin"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
    }

    private static String lines(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.joining("\n"));
    }

    private static List<String> split(String lines) {
        return lines == null || lines.isBlank() ? List.of() : Arrays.stream(lines.split("\n")).toList();
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String hash(Object value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(value)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
