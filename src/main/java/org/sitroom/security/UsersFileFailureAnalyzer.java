package org.sitroom.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken config/users.yml into a short message instead of a stack trace at start. */
class UsersFileFailureAnalyzer extends AbstractFailureAnalyzer<UsersFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UsersFileException cause) {
        return new FailureAnalysis("Sitroom cannot start: " + cause.getMessage(),
                "Fix the file (see config/users.example.yml) or move it away to get a generated first administrator.",
                cause);
    }
}
