package org.sitroom.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

    /** The default candidates of application.yml. */
    private static final List<String> DEFAULTS =
            List.of("en", "de", "fr", "es", "it", "pt", "nl", "el", "tr", "ar", "ru", "uk", "pl");

    private final LanguageGuesser guesser = new LanguageGuesser(DEFAULTS);

    @Test
    void linksMentionsAndHashSignsDoNotTiltTheGuess() {
        // MediaEval tweets Lingua took for Polish and Dutch while their links and mentions were part of the text.
        assertEquals("en", guesser.guess("Shark in the front yard... #Sandy http://t.co/VJcBRiAg", List.of()));
        assertEquals("en", guesser.guess("Don't need feds to solve the #bostonbombing when we have #4chan!! "
                + "http://t.co/eXQTPZqqbG", List.of()));
        assertEquals("fr", guesser.guess("#Trampoline rentre à la maison, tu es bourré ! #sandy #usa #ouragan "
                + "#trampoline http://t.co/9MHGxS1e", List.of()));
    }

    @Test
    void aPostOfOnlyLinksAndMentionsHasNoLanguage() {
        assertNull(guesser.guess("@someone http://t.co/2G0xw6CA www.example.org/x", List.of()));
    }

    @Test
    void languageTextKeepsTheWordsOfHashtags() {
        assertEquals("Sandy hits and", LanguageGuesser.languageText("Sandy hits @NYMag and http://t.co/x"));
        assertEquals("Sandy", LanguageGuesser.languageText("#Sandy"));
    }
}
