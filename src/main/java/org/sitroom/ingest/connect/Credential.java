package org.sitroom.ingest.connect;

import java.util.Objects;

/**
 * A secret sent as a request header (an API token). Its value never appears in {@code toString}, logs or
 * exception messages; connectors only ever put it into the header.
 */
public final class Credential {

    private final String header;
    private final String value;

    private Credential(String header, String value) {
        this.header = Objects.requireNonNull(header, "header");
        this.value = Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the credential for header " + header + " is empty");
        }
    }

    /** {@code Authorization: Bearer <token>}, as Mastodon, Reddit (OAuth) and Bluesky use. */
    public static Credential bearer(String token) {
        return new Credential("Authorization", "Bearer " + Objects.requireNonNull(token, "token").strip());
    }

    /** Any header carrying a secret, e.g. {@code X-Api-Key}. */
    public static Credential header(String header, String value) {
        return new Credential(header, value);
    }

    /** A bearer token from an environment variable, or null when the variable is unset or empty. */
    public static Credential bearerFromEnv(String variable) {
        String token = System.getenv(variable);
        return token == null || token.isBlank() ? null : bearer(token);
    }

    String headerName() {
        return header;
    }

    String headerValue() {
        return value;
    }

    /** The text with every occurrence of the secret (and of a bearer token alone) blanked out. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(value, "[redacted]");
        if (value.startsWith("Bearer ")) {
            String token = value.substring("Bearer ".length());
            if (token.length() >= 4) {
                out = out.replace(token, "[redacted]");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Credential[" + header + ": [redacted]]";
    }
}
