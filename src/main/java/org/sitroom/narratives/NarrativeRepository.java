package org.sitroom.narratives;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitroom.engine.ClusterSummary;
import org.sitroom.engine.Clustering;
import org.sitroom.engine.LineageEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Narrative ids and lineage in the database (plain JDBC), so history outlives reclusters and restarts. */
@Repository
class NarrativeRepository {

    /** A narrative as last stored. */
    record Stored(String id, String title, List<String> keywords, int theme, int size, boolean active,
                  Instant firstClustered, Instant lastClustered) {
    }

    private final JdbcClient jdbc;

    NarrativeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a recluster: its narratives (titles, keywords), which are active now, and its lineage steps. */
    @Transactional
    void record(Clustering clustering, Map<String, List<String>> keywords, Map<String, String> titles, Instant at) {
        String situation = clustering.situation();
        jdbc.sql("UPDATE narrative SET active = FALSE WHERE situation_id = ?").param(situation).update();
        for (ClusterSummary c : clustering.clusters()) {
            String kw = String.join("\n", keywords.getOrDefault(c.narrativeId(), List.of()));
            String title = titles.getOrDefault(c.narrativeId(), c.narrativeId());
            int updated = jdbc.sql("""
                            UPDATE narrative SET title = ?, keywords = ?, theme = ?, size = ?, last_clustered_at = ?,
                                   active = TRUE
                             WHERE situation_id = ? AND narrative_id = ?""")
                    .params(cut(title, 500), cut(kw, 2000), c.theme(), c.posts(), time(at), situation, c.narrativeId())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                INSERT INTO narrative (situation_id, narrative_id, title, keywords, theme, size,
                                                       first_clustered_at, last_clustered_at, active)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE)""")
                        .params(situation, c.narrativeId(), cut(title, 500), cut(kw, 2000), c.theme(), c.posts(),
                                time(at), time(at))
                        .update();
            }
        }
        for (LineageEvent e : clustering.lineage()) {
            jdbc.sql("""
                            INSERT INTO narrative_lineage (situation_id, narrative_id, kind, related_id, size, at, recorded_at)
                            SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (
                                SELECT 1 FROM narrative_lineage
                                 WHERE situation_id = ? AND narrative_id = ? AND kind = ? AND at = ?)""")
                    .params(situation, e.narrativeId(), e.kind().name(), e.relatedId(), e.size(), time(e.at()), time(at),
                            situation, e.narrativeId(), e.kind().name(), time(e.at()))
                    .update();
        }
    }

    /** Steps of a narrative's life, and of narratives that split from or merged into it, oldest first. */
    List<LineageEvent> lineage(String situation, String narrativeId) {
        return jdbc.sql("""
                        SELECT narrative_id, kind, related_id, size, at FROM narrative_lineage
                         WHERE situation_id = ? AND (narrative_id = ? OR related_id = ?)
                         ORDER BY at, id""")
                .params(situation, narrativeId, narrativeId)
                .query((rs, i) -> new LineageEvent(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        LineageEvent.Kind.valueOf(rs.getString("kind")), rs.getString("narrative_id"),
                        rs.getString("related_id"), rs.getInt("size")))
                .list();
    }

    Optional<Stored> find(String situation, String narrativeId) {
        return jdbc.sql("""
                        SELECT narrative_id, title, keywords, theme, size, active, first_clustered_at, last_clustered_at
                          FROM narrative WHERE situation_id = ? AND narrative_id = ?""")
                .params(situation, narrativeId)
                .query((rs, i) -> new Stored(rs.getString("narrative_id"), rs.getString("title"),
                        rs.getString("keywords").isEmpty() ? List.of() : List.of(rs.getString("keywords").split("\n")),
                        rs.getInt("theme"), rs.getInt("size"), rs.getBoolean("active"),
                        rs.getObject("first_clustered_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_clustered_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    private static OffsetDateTime time(Instant i) {
        // The column keeps microseconds; comparing a nanosecond value with it would never match.
        return OffsetDateTime.ofInstant(i.truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
