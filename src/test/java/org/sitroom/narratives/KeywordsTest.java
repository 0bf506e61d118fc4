package org.sitroom.narratives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** c-TF-IDF as BERTopic computes it, and the tokens it is fed. */
class KeywordsTest {

    @Test
    void weightsFollowBertopicsFormula() {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("a", Map.of("ship", 3, "war", 1));
        counts.put("b", Map.of("ship", 1, "gas", 2));
        // 7 terms over 2 classes: A = int(7 / 2) = 3; f(ship) = 4, f(war) = 1, f(gas) = 2.
        Map<String, List<Keywords.Scored>> top = Keywords.top(counts, 5);

        assertThat(top.get("a")).extracting(Keywords.Scored::term).containsExactly("ship", "war");
        assertThat(top.get("a").get(0).weight()).isCloseTo(3.0 / 4 * Math.log(1 + 3.0 / 4), within(1e-12));
        assertThat(top.get("a").get(1).weight()).isCloseTo(1.0 / 4 * Math.log(1 + 3.0 / 1), within(1e-12));
        // In b the word shared with a sinks below the word only b uses, though both are frequent in b.
        assertThat(top.get("b")).extracting(Keywords.Scored::term).containsExactly("gas", "ship");
        assertThat(top.get("b").get(0).weight()).isCloseTo(2.0 / 3 * Math.log(1 + 3.0 / 2), within(1e-12));
    }

    @Test
    void aWordEveryNarrativeUsesRanksBelowOneThatIsItsOwn() {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("staged", Map.of("aster", 10, "staged", 6, "cameras", 4));
        counts.put("fear", Map.of("aster", 10, "war", 7));
        counts.put("gas", Map.of("aster", 10, "drilling", 5));

        assertThat(Keywords.top(counts, 1).get("staged").getFirst().term()).isEqualTo("staged");
        assertThat(Keywords.top(counts, 3).get("staged").getLast().term()).isEqualTo("aster");
    }

    @Test
    void stopWordsOfTheMainLanguagesLinksMentionsAndNumbersAreDropped() {
        assertThat(Keywords.terms("The frigate and the patrol ship were so close https://t.example/x @naval_nerd 70", "en", null))
                .containsExactly("frigate", "patrol", "ship", "close");
        assertThat(Keywords.terms("Le navire et la frégate sont passés", "fr", null))
                .contains("navire", "fregate", "passes").doesNotContain("sont");
        assertThat(Keywords.terms("Das Schiff und die Fregatte sind sehr nah", "de", null))
                .contains("schiff", "fregatte").doesNotContain("das", "und", "die", "sind", "sehr");
        assertThat(Keywords.terms("Bu gemi ve firkateyn çok yakın geçti", "tr", null))
                .containsExactly("gemi", "firkateyn", "yakin", "gecti");
        assertThat(Keywords.terms("Το πλοίο και η φρεγάτα πέρασαν πολύ κοντά", "el", null))
                .contains("πλοιο", "φρεγατα", "περασαν", "κοντα").doesNotContain("και", "το");
        assertThat(Keywords.terms("RT @aster_voice_24: Stand with Aster #StandWithAster", "en", null))
                .containsExactly("stand", "aster", "#standwithaster");
        assertThat(Keywords.terms("#the #2026 #ΣκηνοθεσίαΤώρα", "en", null)).as("hashtags are not stop words")
                .containsExactly("#the", "#σκηνοθεσιατωρα");
    }

    @Test
    void greekWithAndWithoutAccentsIsOneTermShownAsMostOftenWritten() {
        Map<String, Map<String, Integer>> surfaces = new HashMap<>();
        Keywords.terms("Σκηνοθεσία για τις κάμερες", "el", surfaces);
        Keywords.terms("σκηνοθεσια ολα", "el", surfaces);
        Keywords.terms("Σκηνοθεσία ξανά", "el", surfaces);

        assertThat(surfaces).containsKey("σκηνοθεσια");
        assertThat(Keywords.display("σκηνοθεσια", surfaces)).isEqualTo("σκηνοθεσία");
    }

    @Test
    void aWordRepeatedInOnePostCountsOnce() {
        assertThat(Keywords.terms("war war war WAR", "en", null)).containsExactly("war");
    }

    @Test
    void markupInPostsIsJustWords() {
        assertThat(Keywords.terms("<script>alert('x')</script> <img src=x onerror=alert(1)>", "en", null))
                .containsExactly("script", "alert", "img", "src", "onerror")
                .allSatisfy(t -> assertThat(t).doesNotContain("<", ">", "'", "="));
    }

    @Test
    void titleJoinsTheFirstKeywordsWithACapital() {
        assertThat(Keywords.title(List.of("staged", "cameras", "theatre", "fake"), 3)).isEqualTo("Staged · cameras · theatre");
        assertThat(Keywords.title(List.of(), 3)).isEqualTo("Untitled narrative");
        assertThat(Keywords.title(List.of("#standwithaster", "ostmark", "#aster", "provocation", "kestrel"), 3))
                .isEqualTo("Ostmark · provocation · kestrel");
        assertThat(Keywords.title(List.of("#standwithaster", "ostmark"), 3)).isEqualTo("Ostmark · #standwithaster");
        assertThat(Keywords.title(List.of("ελλάδα"), 3)).isEqualTo("Ελλάδα");
    }
}
