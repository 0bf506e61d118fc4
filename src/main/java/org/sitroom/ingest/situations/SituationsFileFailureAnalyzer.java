package org.sitroom.ingest.situations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken config/situations.yml into a short message instead of a stack trace at start. */
class SituationsFileFailureAnalyzer extends AbstractFailureAnalyzer<SituationsFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SituationsFileException cause) {
        return new FailureAnalysis("Sitroom cannot start: " + cause.getMessage(),
                "Fix the file (see config/situations.example.yml), or move it away to get the built-in demo situation.",
                cause);
    }
}
