package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sitroom.testing.Datasets;

class KnngrTest {

    @Test
    void wellSeparatedLabelsAreAlmostPerfectlyPredictable() {
        SplittableRandom rnd = new SplittableRandom(1);
        int labels = 6;
        int n = 600;
        float[][] centres = new float[labels][];
        for (int c = 0; c < labels; c++) {
            centres[c] = Synthetic.normalise(Synthetic.gaussian(rnd, 64, 1), null, 0);
        }
        float[][] v = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % labels;
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 64, Math.sqrt(0.5 / 64)), centres[y[i]], 1);
        }
        Knngr.Result r = Knngr.evaluate(v, y);
        assertThat(r.k()).isEqualTo(9);
        assertThat(r.items()).isEqualTo(600);
        assertThat(r.accuracies()).hasSize(50);
        assertThat(r.mean()).isGreaterThan(0.98);
        assertThat(r.std()).isLessThan(0.02);
    }

    @Test
    void neighbourListsGiveTheSameSplitsAsTheFullTable() {
        // Large sets use per-item neighbour lists instead of the all-pairs table; on the same data both must find
        // the same neighbours in every split. Overlapping labels, so that accuracies are far from 0 and 1.
        SplittableRandom rnd = new SplittableRandom(3);
        int labels = 8;
        int n = 1500;
        float[][] centres = new float[labels][];
        for (int c = 0; c < labels; c++) {
            centres[c] = Synthetic.normalise(Synthetic.gaussian(rnd, 48, 1), null, 0);
        }
        float[][] v = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0 ? -1 : rnd.nextInt(labels);
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 48, Math.sqrt(20.0 / 48)), centres[Math.max(0, y[i])], 1);
        }
        Knngr.Options options = Knngr.Options.defaults().withExcludeLabel(7).withSplits(20);
        Knngr.Result table = Knngr.evaluate(v, y, options, Integer.MAX_VALUE);
        Knngr.Result lists = Knngr.evaluate(v, y, options, 0);
        assertThat(table.mean()).isBetween(0.2, 0.97);
        assertThat(lists.items()).isEqualTo(table.items());
        assertThat(lists.k()).isEqualTo(table.k());
        assertThat(lists.accuracies()).containsExactly(table.accuracies());
    }

    @Test
    void randomLabelsScoreChance() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 800;
        float[][] v = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 32, 1), null, 0);
            y[i] = rnd.nextInt(4);
        }
        Knngr.Result r = Knngr.evaluate(v, y);
        assertThat(r.mean()).isBetween(0.20, 0.30);
        assertThat(r.std()).isGreaterThan(0);
    }

    @Test
    void deterministicGivenSeedAndExcludesALabel() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 200;
        float[][] v = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = Synthetic.normalise(Synthetic.gaussian(rnd, 16, 1), null, 0);
            y[i] = i < 50 ? 31 : (i < 60 ? -1 : i % 3);
        }
        Knngr.Options o = Knngr.Options.defaults().withExcludeLabel(31);
        Knngr.Result a = Knngr.evaluate(v, y, o);
        Knngr.Result b = Knngr.evaluate(v, y, o);
        assertThat(b.accuracies()).isEqualTo(a.accuracies());
        assertThat(a.items()).isEqualTo(140);
        assertThat(a.k()).isEqualTo(7);
        assertThat(Knngr.evaluate(v, y, o.withSeed(1)).accuracies()).isNotEqualTo(a.accuracies());
        assertThat(Knngr.evaluate(v, y).items()).isEqualTo(190);
    }

    /** The PAPYER README: the authors' released 2-D SNaCK embedding scores about 29% KNNGR (label 31 dropped). */
    @Test
    void reproducesThePublishedFigureOfTheSnackEmbedding() throws IOException {
        Path folder = Datasets.papyer();
        assumeThat(Files.isRegularFile(folder.resolve("snack2_embedding_2d.csv"))).isTrue();
        Map<Integer, Integer> labelOf = new HashMap<>();
        List<String> sentences = Files.readAllLines(folder.resolve("papyer_sentences.csv"));
        for (String line : sentences.subList(1, sentences.size())) {
            String[] f = line.split(",", 3);
            if (f.length == 3 && f[0].chars().allMatch(Character::isDigit) && !f[0].isEmpty()) {
                labelOf.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
            }
        }
        List<String> rows = Files.readAllLines(folder.resolve("snack2_embedding_2d.csv"));
        int n = rows.size() - 1;
        float[][] v = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = rows.get(i + 1).split(",");
            v[i] = new float[] {Float.parseFloat(f[1]), Float.parseFloat(f[2])};
            y[i] = labelOf.get(Integer.parseInt(f[0]));
        }
        Knngr.Result r = Knngr.evaluate(v, y,
                Knngr.Options.defaults().withExcludeLabel(31).withSimilarity(Knngr.Similarity.EUCLIDEAN));
        System.out.printf("PAPYER SNaCK 2-D KNNGR: %.2f%% +- %.2f (k=%d, N=%d); sklearn on its own splits: 29.59 +- 3.63%n",
                100 * r.mean(), 100 * r.std(), r.k(), r.items());
        assertThat(r.items()).isEqualTo(310);
        assertThat(r.k()).isEqualTo(8);
        assertThat(r.mean()).isBetween(0.27, 0.32);
    }
}
