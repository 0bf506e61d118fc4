package org.sitroom.engine.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sitroom.engine.EmbeddingSettings.Normalisation;

class TextNormaliserTest {

    private final TextNormaliser all = new TextNormaliser(Normalisation.DEFAULT);
    private final TextNormaliser none = new TextNormaliser(Normalisation.NONE);

    @Test
    void urlsAndMentionsBecomePlaceholdersButEmailsStay() {
        assertThat(all.normalise("Explosion at copley @Boston_to_a_T http://t.co/hWhSpoyRfB see www.bbc.co.uk/news"))
                .isEqualTo("Explosion at copley @user http see http");
        assertThat(all.normalise("write to help@redcross.org or @alice@mastodon.social"))
                .isEqualTo("write to help@redcross.org or @user");
    }

    @Test
    void retweetChainsAreStrippedSoRetweetsMatchTheirOriginal() {
        String original = "Photo captures Boston Marathon explosion";
        assertThat(all.normalise("RT @DianneG: RT @AntDeRosa: " + original)).isEqualTo(original);
        assertThat(all.normalise("RT @DianneG " + original)).isEqualTo(original);
        // Only at the start, and only the upper-case marker.
        assertThat(all.normalise("ART @x: y")).isEqualTo("ART @user: y");
    }

    @Test
    void whitespaceOfAnyKindCollapsesAndEndsAreTrimmed() {
        assertThat(all.normalise("  flood\u00A0warning\t\n\n in\u2003 Dhaka \u3000")).isEqualTo("flood warning in Dhaka");
        assertThat(all.normalise(" \t\n ")).isEmpty();
    }

    @Test
    void controlAndInvisibleFormatCharactersGoButJoinersStay() {
        assertThat(all.normalise("hel\u0000lo\u001B wor\u202Eld\uFEFF")).isEqualTo("hello world");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ emoji sequence
        assertThat(all.normalise(family)).isEqualTo(family);
        assertThat(all.normalise("می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
    }

    @Test
    void composesToNfc() {
        assertThat(all.normalise("cafe\u0301")).isEqualTo("caf\u00E9");
        assertThat(none.normalise("cafe\u0301")).isEqualTo("cafe\u0301");
    }

    @Test
    void loneSurrogatesAreReplacedEvenWithEverythingOff() {
        assertThat(none.normalise("a\uD800b\uDC00c\uD83D")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        String pair = "ok \uD83D\uDD25";
        assertThat(none.normalise(pair)).isSameAs(pair);
    }

    @Test
    void everythingOffLeavesTheTextAlone() {
        String text = "RT @bob:  see http://t.co/x\u0000 ";
        assertThat(none.normalise(text)).isEqualTo(text);
    }

    @Test
    void rightToLeftAndMixedScriptsAreKept() {
        assertThat(all.normalise("  مرحبا   بالعالم  ")).isEqualTo("مرحبا بالعالم");
        assertThat(all.normalise("Flood in Dhaka ঢাকায় বন্যা שלום")).isEqualTo("Flood in Dhaka ঢাকায় বন্যা שלום");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(all.normalise(null)).isEmpty();
        assertThat(all.normalise("")).isEmpty();
    }

    @Test
    void cleanTextIsReturnedWithoutACopy() {
        String clean = "Nothing to change here";
        assertThat(all.normalise(clean)).isSameAs(clean);
    }
}
