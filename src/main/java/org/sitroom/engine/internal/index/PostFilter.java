package org.sitroom.engine.internal.index;

import java.time.Instant;
import java.util.Set;

/**
 * Optional restrictions for search, k-NN and hybrid queries; {@code null} or empty means "any".
 *
 * @param from       inclusive lower bound on the post time
 * @param to         exclusive upper bound on the post time
 * @param languages  allowed languages (as stored: lower-case)
 * @param sources    allowed sources
 * @param narrative  only posts currently in this narrative
 */
public record PostFilter(Instant from, Instant to, Set<String> languages, Set<String> sources, Long narrative) {

    /** No restriction. */
    public static final PostFilter NONE = new PostFilter(null, null, Set.of(), Set.of(), null);

    public PostFilter {
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }

    public PostFilter withTime(Instant from, Instant to) {
        return new PostFilter(from, to, languages, sources, narrative);
    }

    public PostFilter withLanguages(String... languages) {
        return new PostFilter(from, to, Set.of(languages), sources, narrative);
    }

    public PostFilter withSources(String... sources) {
        return new PostFilter(from, to, languages, Set.of(sources), narrative);
    }

    public PostFilter withNarrative(Long narrative) {
        return new PostFilter(from, to, languages, sources, narrative);
    }
}
