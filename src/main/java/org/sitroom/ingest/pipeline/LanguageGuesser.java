package org.sitroom.ingest.pipeline;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The language of a post whose source gave none, by Lingua: restricted to the situation's languages (or a default
 * set) and in low-accuracy mode (trigram models only), which keeps memory small; for tweet-length texts in a handful
 * of candidate languages it is accurate enough. One detector per language set, built lazily and shared (Lingua's
 * detectors are thread-safe). Loading the default set's models takes seconds (3.4 s for 13 languages here), so
 * {@link #preloadInBackground()} starts it while the application is still opening its other models.
 */
final class LanguageGuesser {

    /**
     * Links, @mentions and the hash signs of hashtags: in no language, yet in a tweet often half its letters. Left in,
     * they tilted Lingua towards Polish, Dutch or Italian for a third of MediaEval's English tweets ("Shark in the
     * front yard... #Sandy http://t.co/VJcBRiAg" was Polish); taken out, there is less to score as well.
     */
    private static final Pattern NOT_LANGUAGE = Pattern.compile("https?://\\S+|www\\.\\S+|@\\w+|#");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<String> defaults;
    private final Map<List<String>, LanguageDetector> detectors = new ConcurrentHashMap<>();

    LanguageGuesser(List<String> defaults) {
        this.defaults = List.copyOf(defaults);
    }

    /**
     * Builds the default set's detector, its models loaded, on a daemon thread. A guess that comes first waits for
     * it (the map computes each key once), so nothing is loaded twice.
     */
    void preloadInBackground() {
        Thread.ofPlatform().daemon().name("lingua-preload").start(() -> detector(defaults));
    }

    /** The ISO 639-1 code, or null when Lingua cannot tell. */
    String guess(String text, List<String> situationLanguages) {
        String words = languageText(text);
        if (words.isBlank()) {
            return null;
        }
        Language language = detector(situationLanguages.size() >= 2 ? situationLanguages : defaults)
                .detectLanguageOf(words);
        if (language == Language.UNKNOWN) {
            return null;
        }
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** The text Lingua is shown: the post without what is in no language. */
    static String languageText(String text) {
        return SPACES.matcher(NOT_LANGUAGE.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }

    private LanguageDetector detector(List<String> codes) {
        return detectors.computeIfAbsent(List.copyOf(codes), LanguageGuesser::build);
    }

    private static LanguageDetector build(List<String> codes) {
        List<IsoCode639_1> isoCodes = new ArrayList<>();
        for (String code : codes) {
            try {
                isoCodes.add(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                // a language Lingua does not know cannot be guessed; the others still can
            }
        }
        if (isoCodes.size() < 2) {
            return LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.GERMAN).withLowAccuracyMode().build();
        }
        return LanguageDetectorBuilder.fromIsoCodes639_1(isoCodes.toArray(IsoCode639_1[]::new))
                .withLowAccuracyMode().withPreloadedLanguageModels().build();
    }
}
