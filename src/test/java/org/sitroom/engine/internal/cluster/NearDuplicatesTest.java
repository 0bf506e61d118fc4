package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    @Test
    void groupsCopiesRetweetsAndSmallEditsAndKeepsDifferentTextsApart() {
        List<String> texts = List.of(
                "Stop the pipeline now!",                                     // 0
                "RT @greenfront: Stop the pipeline now!!",                    // 1 retweet
                "stop the pipeline NOW https://t.co/abc123",                  // 2 link added
                "Stop the pipeline now!! Protect our water and our land #NoDAPL", // 3 longer slogan
                "Stop the pipeline now!",                                     // 4 exact copy
                "The governor will speak at 5pm about the evacuation routes", // 5
                "The governor will speak at 6pm about the evacuation routes", // 6 one character differs
                "Evacuation routes are closed, use the northern bridge",      // 7
                "Start the pipeline now",                                     // 8 different meaning, different words
                "#StopThePipeline",                                           // 9 a hashtag only
                "https://t.co/xyz",                                           // 10 nothing to compare
                "@someone",                                                   // 11 nothing to compare
                "https://t.co/xyz",                                           // 12 exact raw copy of 10
                "Stop the pipeline now! Protect our waters and our land #NoDAPL",  // 13 small edit of 3
                "RT @a: RT @b: Stop the pipeline now! Protect our water & our land #NoDAPL"); // 14 copy of 3
        NearDuplicates.Result r = NearDuplicates.group(texts);
        int[] g = r.group();
        assertThat(g[1]).isEqualTo(g[0]);
        assertThat(g[2]).isEqualTo(g[0]);
        assertThat(g[4]).isEqualTo(g[0]);
        assertThat(g[13]).isEqualTo(g[3]);
        assertThat(g[14]).isEqualTo(g[3]);
        assertThat(g[3]).isNotEqualTo(g[0]);
        assertThat(g[6]).isEqualTo(g[5]);
        assertThat(g[5]).isNotEqualTo(g[0]);
        assertThat(g[7]).isNotEqualTo(g[5]).isNotEqualTo(g[0]);
        assertThat(g[8]).isNotEqualTo(g[0]);
        assertThat(g[9]).isNotEqualTo(g[0]);
        assertThat(g[10]).isNotEqualTo(g[11]);
        assertThat(g[12]).isEqualTo(g[10]);
        // Numbered by first post; sizes add up.
        assertThat(g[0]).isZero();
        assertThat(g[3]).isEqualTo(1);
        assertThat(g[5]).isEqualTo(2);
        assertThat(r.groupSizes()[0]).isEqualTo(4);
        assertThat(r.groupSizes()[1]).isEqualTo(3);
        assertThat(r.groupSizes()[2]).isEqualTo(2);
        assertThat(java.util.Arrays.stream(r.groupSizes()).sum()).isEqualTo(texts.size());
        assertThat(r.representatives()[0]).isZero();
        assertThat(r.representatives()[2]).isEqualTo(5);
        int[] perGroup = new int[r.groupCount()];
        perGroup[1] = 42;
        assertThat(r.expand(perGroup)[14]).isEqualTo(42);
        assertThat(r.expand(perGroup)[0]).isZero();
    }

    @Test
    void comparisonFormDropsWhatVariesBetweenCopies() {
        assertThat(NearDuplicates.comparisonForm("RT @x: Slogan!! #Free_Speech https://t.co/a1 via @y"))
                .isEqualTo("slogan free speech via");
        assertThat(NearDuplicates.comparisonForm("  Ça   va?  ")).isEqualTo("ça va");
        assertThat(NearDuplicates.comparisonForm("smart art")).isEqualTo("smart art");
    }

    @Test
    void thresholdControlsHowFarEditsMayGo() {
        List<String> texts = List.of("flood water is rising fast near the old mill bridge tonight",
                "flood water rising fast near old mill bridge");
        double j = NearDuplicates.jaccard(NearDuplicates.shingles(NearDuplicates.comparisonForm(texts.get(0)), 4),
                NearDuplicates.shingles(NearDuplicates.comparisonForm(texts.get(1)), 4));
        assertThat(j).isBetween(0.4, 0.8);
        assertThat(NearDuplicates.group(texts).groupCount()).isEqualTo(2);
        NearDuplicates.Result loose = NearDuplicates.group(texts, NearDuplicates.Options.defaults().withThreshold(j - 0.01));
        assertThat(loose.groupCount()).isEqualTo(1);
        assertThat(NearDuplicates.rowsPerBand(0.8, 64)).isEqualTo(4);
        assertThat(NearDuplicates.rowsPerBand(0.5, 64)).isEqualTo(2);
    }

    @Test
    void deterministicAndIndependentOfInputOrderUpToNumbering() {
        SplittableRandom rnd = new SplittableRandom(11);
        String[] words = "water flood bridge road closed open help rescue boat power out shelter school fire smoke"
                .split(" ");
        List<String> texts = new ArrayList<>();
        for (int base = 0; base < 300; base++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                sb.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            String text = sb.toString().trim();
            int copies = 1 + rnd.nextInt(4);
            for (int c = 0; c < copies; c++) {
                texts.add(c == 0 ? text : c == 1 ? "RT @user" + c + ": " + text : text + "!!!");
            }
        }
        NearDuplicates.Result a = NearDuplicates.group(texts);
        NearDuplicates.Result b = NearDuplicates.group(texts);
        assertThat(b.group()).isEqualTo(a.group());

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(3));
        List<String> shuffled = order.stream().map(texts::get).toList();
        NearDuplicates.Result s = NearDuplicates.group(shuffled);
        int[] back = new int[texts.size()];
        for (int i = 0; i < order.size(); i++) {
            back[order.get(i)] = s.group()[i];
        }
        assertThat(ClusterMetrics.ari(a.group(), back)).isEqualTo(1.0);
        assertThat(a.groupCount()).isBetween(295, 300);
    }

    @Test
    void handlesManyTextsQuickly() {
        SplittableRandom rnd = new SplittableRandom(12);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            int topic = rnd.nextInt(5_000);
            texts.add("topic " + topic + " says the report about " + (topic * 7919 % 10007) + " people"
                    + (rnd.nextInt(3) == 0 ? "!" : ""));
        }
        long start = System.nanoTime();
        NearDuplicates.Result r = NearDuplicates.group(texts);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("near-duplicates 50k texts: %.2f s, %d groups%n", seconds, r.groupCount());
        assertThat(r.groupCount()).isLessThanOrEqualTo(5_000);
        assertThat(seconds).isLessThan(20);
    }
}
