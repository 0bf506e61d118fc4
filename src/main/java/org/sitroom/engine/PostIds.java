package org.sitroom.engine;

/** Post ids are {@code source:externalId}, unique across sources, so re-ingesting a post never duplicates it. */
public final class PostIds {

    private PostIds() {
    }

    public static String of(String source, String externalId) {
        return source + ":" + externalId;
    }
}
