package org.sitroom.ingest.situations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.sitroom.ingest.Situation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Situations are read from a copy (every page load asks for one); each write must show in the next read. */
class SituationStoreTest {

    private SituationStore store;

    @BeforeEach
    void database() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        store = new SituationStore(new JdbcTemplate(db),
                new TransactionTemplate(new DataSourceTransactionManager(db)),
                Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void everyWriteShowsInTheNextRead() {
        assertThat(store.situations()).isEmpty();

        store.sync(List.of(definition("strait", "Strait encounter")), "test");
        assertThat(store.situation("strait")).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Strait encounter"));

        store.editSituation("strait", "Strait incident", "renamed", List.of("#strait"), "admin");
        assertThat(store.situation("strait")).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Strait incident"));

        Situation created = store.ensureSituation("Harbour fire");
        assertThat(store.situations()).extracting(Situation::id).contains("strait", created.id());
        assertThat(store.ensureSituation("harbour fire").id()).isEqualTo(created.id()); // found by name, not made twice

        store.sync(List.of(definition("strait", "Strait incident, from the file")), "test");
        assertThat(store.situation("strait")).hasValueSatisfying(
                s -> assertThat(s.name()).isEqualTo("Strait incident, from the file"));
    }

    private static SituationDefinition definition(String id, String name) {
        return new SituationDefinition(id, name, "", Instant.parse("2026-10-01T00:00:00Z"), ZoneId.of("UTC"),
                List.of(), List.of(), List.of());
    }
}
