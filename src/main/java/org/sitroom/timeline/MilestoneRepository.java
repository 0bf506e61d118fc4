package org.sitroom.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Milestones and their append-only edit record, plain JDBC. */
@Repository
class MilestoneRepository {

    private final JdbcClient jdbc;

    MilestoneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Milestone> all(String situation) {
        return jdbc.sql("SELECT * FROM milestone WHERE situation_id = ? ORDER BY at, id").param(situation)
                .query(MilestoneRepository::milestone).list();
    }

    List<Milestone> between(String situation, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM milestone WHERE situation_id = ? AND at >= ? AND at < ? ORDER BY at, id")
                .params(situation, time(from), time(to)).query(MilestoneRepository::milestone).list();
    }

    Optional<Milestone> find(long id) {
        return jdbc.sql("SELECT * FROM milestone WHERE id = ?").param(id).query(MilestoneRepository::milestone)
                .optional();
    }

    /** Inserts a milestone and its first edit record; with an external id, does nothing if it was imported before. */
    @Transactional
    Optional<Milestone> insert(String situation, String externalId, MilestoneDraft d, String author, String by,
                               MilestoneEdit.Action action, Instant now) {
        if (externalId != null && jdbc.sql("SELECT COUNT(*) FROM milestone WHERE situation_id = ? AND external_id = ?")
                .params(situation, externalId).query(Long.class).single() > 0) {
            return Optional.empty();
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO milestone (situation_id, external_id, at, title, note, link, author, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(situation, externalId, time(d.time()), d.title(), d.note(), d.link(), author, time(now), time(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        recordEdit(id, action, by, now, null, d);
        return find(id);
    }

    /** Changes a milestone and records before and after in the same transaction. */
    @Transactional
    Optional<Milestone> update(long id, MilestoneDraft d, String by, Instant now) {
        Optional<Milestone> before = find(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE milestone SET at = ?, title = ?, note = ?, link = ?, updated_at = ? WHERE id = ?")
                .params(time(d.time()), d.title(), d.note(), d.link(), time(now), id).update();
        recordEdit(id, MilestoneEdit.Action.UPDATED, by, now, before.get().draft(), d);
        return find(id);
    }

    List<MilestoneEdit> edits(long milestoneId) {
        return jdbc.sql("SELECT * FROM milestone_edit WHERE milestone_id = ? ORDER BY edited_at, id")
                .param(milestoneId).query((rs, i) -> new MilestoneEdit(rs.getLong("id"), rs.getLong("milestone_id"),
                        MilestoneEdit.Action.valueOf(rs.getString("action")), rs.getString("edited_by"),
                        instant(rs, "edited_at"),
                        rs.getObject("before_at") == null ? null : new MilestoneDraft(instant(rs, "before_at"),
                                rs.getString("before_title"), rs.getString("before_note"), rs.getString("before_link")),
                        new MilestoneDraft(instant(rs, "after_at"), rs.getString("after_title"),
                                rs.getString("after_note"), rs.getString("after_link"))))
                .list();
    }

    private void recordEdit(long id, MilestoneEdit.Action action, String by, Instant now, MilestoneDraft before,
                            MilestoneDraft after) {
        jdbc.sql("""
                        INSERT INTO milestone_edit (milestone_id, action, edited_by, edited_at, before_at, before_title,
                                                    before_note, before_link, after_at, after_title, after_note, after_link)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, action.name(), by, time(now), before == null ? null : time(before.time()),
                        before == null ? null : before.title(), before == null ? null : before.note(),
                        before == null ? null : before.link(), time(after.time()), after.title(), after.note(),
                        after.link())
                .update();
    }

    private static Milestone milestone(ResultSet rs, int row) throws SQLException {
        return new Milestone(rs.getLong("id"), rs.getString("situation_id"), instant(rs, "at"), rs.getString("title"),
                rs.getString("note"), rs.getString("link"), rs.getString("author"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime time(Instant i) {
        // The column keeps microseconds; comparing a nanosecond value with it would never match.
        return OffsetDateTime.ofInstant(i.truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
