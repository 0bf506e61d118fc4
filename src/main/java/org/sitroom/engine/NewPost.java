package org.sitroom.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated post as ingest hands it to the engine.
 *
 * @param situation the situation (event under watch) it belongs to
 * @param source the source id, e.g. {@code demo-replay} or {@code mastodon-eastmed}
 * @param externalId the post's id at its source; (source, externalId) is unique
 * @param author account name, or {@code null} when the source has none
 * @param language ISO-639-1 code, or {@code null} when unknown
 * @param time when it was posted (UTC)
 * @param text the original text, shown unchanged
 * @param url link to the original, or {@code null}
 */
public record NewPost(String situation, String source, String externalId, String author, String language,
                      Instant time, String text, String url) {

    public NewPost {
        Objects.requireNonNull(situation, "situation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
    }

    /** The post's unique id: {@code source:externalId}. */
    public String id() {
        return PostIds.of(source, externalId);
    }
}
