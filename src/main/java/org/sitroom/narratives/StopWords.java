package org.sitroom.narratives;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stop words of the main languages of the demo and of most events watched (en, fr, de, it, es, ru, el, tr, ar),
 * plus social-media filler. The lists are Lucene's (Snowball and others), copied as resources so the narrative
 * model needs no search-engine library: only the engine may depend on Lucene.
 */
final class StopWords {

    static final List<String> LANGUAGES = List.of("en", "fr", "de", "it", "es", "ru", "el", "tr", "ar");

    private static final StopWords INSTANCE = new StopWords();

    private final Map<String, Set<String>> byLanguage = new HashMap<>();
    private final Set<String> all = new HashSet<>();
    private final Set<String> social;

    private StopWords() {
        for (String language : LANGUAGES) {
            Set<String> words = load(language);
            byLanguage.put(language, words);
            all.addAll(words);
        }
        social = load("social");
        all.addAll(social);
    }

    static StopWords get() {
        return INSTANCE;
    }

    /**
     * Whether a folded token (see {@link Keywords#fold}) is a stop word for a post in {@code language}. English and
     * social filler count for every post (code-switching is common); an unknown language checks every list.
     */
    boolean isStop(String folded, String language) {
        if (social.contains(folded) || byLanguage.get("en").contains(folded)) {
            return true;
        }
        Set<String> own = language == null ? null : byLanguage.get(language);
        return own == null ? all.contains(folded) : own.contains(folded);
    }

    private static Set<String> load(String name) {
        String path = "/org/sitroom/narratives/stopwords/" + name + ".txt";
        try (InputStream in = StopWords.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        words.add(Keywords.fold(line));
                    }
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
