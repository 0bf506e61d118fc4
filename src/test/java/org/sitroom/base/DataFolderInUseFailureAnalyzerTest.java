package org.sitroom.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DataFolderInUseFailureAnalyzerTest {

    private final DataFolderInUseFailureAnalyzer analyzer = new DataFolderInUseFailureAnalyzer();

    @Test
    void aDatabaseOpenElsewhereNamesTheFileAndTheWayOut() {
        SQLException locked = new SQLException("Database may be already in use: \"/srv/sitroom/data/db/sitroom.mv.db\"."
                + " Possible solutions: close all other connection(s); use the server mode [90020-240]", "90020", 90020);
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("context", locked));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("/srv/sitroom/data/db/sitroom.mv.db")
                .contains("another Sitroom process");
        assertThat(analysis.getAction()).contains("--data DIR");
    }

    @Test
    void otherDatabaseErrorsAreLeftToSpring() {
        SQLException other = new SQLException("Syntax error", "42000", 42000);
        assertThat(analyzer.analyze(new IllegalStateException("context", other))).isNull();
    }
}
