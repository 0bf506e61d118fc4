package org.sitroom.base;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns "the embedded database is open in another process" into a short message at start instead of a stack trace. It
 * happens when a second Sitroom (an {@code eval} or {@code import} beside a running dashboard) opens the same data
 * folder: the embedded H2 file admits one process at a time.
 */
class DataFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    static final int DATABASE_ALREADY_OPEN = 90020;

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (cause.getErrorCode() != DATABASE_ALREADY_OPEN) {
            return null;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int quote = message.indexOf('"');
        int end = quote < 0 ? -1 : message.indexOf('"', quote + 1);
        String file = end > quote ? " (" + message.substring(quote + 1, end) + ")" : "";
        return new FailureAnalysis("Sitroom cannot start: its data folder's database" + file
                + " is open in another Sitroom process, such as a running dashboard, import or eval.",
                "Stop the other process, or give this one a data folder of its own: --data DIR.", cause);
    }
}
