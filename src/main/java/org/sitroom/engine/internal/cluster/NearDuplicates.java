package org.sitroom.engine.internal.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Groups posts whose texts are copies or small edits of each other, so that 10,000 retweets of a slogan become one
 * weighted point for {@link Hdbscan} instead of 10,000 points.
 *
 * <ol>
 *   <li><b>Comparison form</b> ({@link #comparisonForm}): lower case; retweet markers ({@code RT} before a
 *   mention), @mentions and URLs dropped (they vary between copies of one message); {@code #} dropped but the tag
 *   word kept; every run of characters that are not letters or digits becomes one space. The input texts are not
 *   changed; this form is only what is compared.</li>
 *   <li><b>Exact</b>: equal comparison forms are one group (hash map). A text whose form is empty (only a link or
 *   mentions) is matched exactly on its raw text instead, so contentless posts are not lumped together.</li>
 *   <li><b>Near</b>: MinHash of the set of character {@code shingleLength}-grams of each distinct form, LSH
 *   banding to find candidate pairs, then the exact Jaccard similarity of the two shingle sets; pairs at or above
 *   {@code threshold} are joined. Character shingles suit tweets: a three-word slogan has too few word shingles to
 *   compare. A one-character edit changes up to {@code shingleLength} shingles, so in a very short text (a
 *   20-character slogan) even a plural can fall below 0.8: such pairs are left to the embedding clustering. The
 *   band layout is chosen from the threshold so that a pair exactly at the threshold becomes a
 *   candidate with probability >= 0.99 (for 0.8 with 64 hashes: 16 bands of 4 rows).</li>
 *   <li>Union-find joins both kinds; groups are the transitive closure (A~B and B~C put A, B, C together even if
 *   A and C differ more).</li>
 * </ol>
 *
 * <p>Deterministic: seeded hash functions, buckets visited in sorted order, group ids numbered by each group's first
 * post. Within one LSH bucket each post is compared with at most {@value #MAX_REPRESENTATIVES} distinct
 * representatives, which bounds the work of a huge bucket (a near-duplicate of something outside the first
 * representatives can still be found through another band). Signatures are computed in parallel.
 */
public final class NearDuplicates {

    static final int MAX_REPRESENTATIVES = 32;

    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S*");
    private static final Pattern RETWEET = Pattern.compile("(?<![\\p{L}\\p{N}_])rt\\s*(?=@)");
    private static final Pattern MENTION = Pattern.compile("@[\\p{L}\\p{N}_]+");

    /**
     * Settings.
     *
     * @param threshold     Jaccard similarity of shingle sets at or above which two posts are near-duplicates
     * @param shingleLength characters per shingle
     * @param hashes        MinHash functions (band layout derived from the threshold)
     * @param seed          seed of the hash functions
     */
    public record Options(double threshold, int shingleLength, int hashes, long seed) {

        public Options {
            if (!(threshold > 0 && threshold <= 1) || shingleLength < 1 || hashes < 1) {
                throw new IllegalArgumentException("need 0 < threshold <= 1, shingleLength >= 1, hashes >= 1");
            }
        }

        /**
         * Threshold 0.8, 4-character shingles, 64 hashes. Four characters: a one-word edit in a 100-character
         * tweet keeps Jaccard near 0.85, while two slogans that differ in one word of four stay well below 0.8.
         */
        public static Options defaults() {
            return new Options(0.8, 4, 64, 0x5172L);
        }

        public Options withThreshold(double t) {
            return new Options(t, shingleLength, hashes, seed);
        }
    }

    /**
     * Groups.
     *
     * @param group      group id of each post, 0..groupCount-1 numbered by first post
     * @param groupSizes posts per group
     */
    public record Result(int[] group, int[] groupSizes) {

        public int groupCount() {
            return groupSizes.length;
        }

        /**
         * Spreads one value per group (e.g. the cluster label of each group's representative) back to every post.
         */
        public int[] expand(int[] perGroup) {
            if (perGroup.length != groupSizes.length) {
                throw new IllegalArgumentException("one value per group expected");
            }
            int[] out = new int[group.length];
            for (int i = 0; i < group.length; i++) {
                out[i] = perGroup[group[i]];
            }
            return out;
        }

        /** Index of the first post of each group: the natural representative to embed and cluster. */
        public int[] representatives() {
            int[] rep = new int[groupSizes.length];
            Arrays.fill(rep, -1);
            for (int i = 0; i < group.length; i++) {
                if (rep[group[i]] < 0) {
                    rep[group[i]] = i;
                }
            }
            return rep;
        }
    }

    private NearDuplicates() {
    }

    /** With {@link Options#defaults()}. */
    public static Result group(List<String> texts) {
        return group(texts, Options.defaults());
    }

    public static Result group(List<String> texts, Options options) {
        int n = texts.size();
        // Exact stage: one entry per distinct comparison form.
        Map<String, Integer> firstByKey = new HashMap<>(Math.max(16, n * 2));
        int[] uniqueOf = new int[n];
        List<String> forms = new ArrayList<>();
        boolean[] comparable = new boolean[n];
        for (int i = 0; i < n; i++) {
            String raw = texts.get(i);
            String form = comparisonForm(raw == null ? "" : raw);
            boolean empty = form.isEmpty();
            String key = empty ? "\u0000" + raw : form;
            Integer u = firstByKey.get(key);
            if (u == null) {
                u = forms.size();
                firstByKey.put(key, u);
                comparable[forms.size()] = !empty;
                forms.add(form);
            }
            uniqueOf[i] = u;
        }
        int m = forms.size();
        UnionFind uf = new UnionFind(m);
        if (options.threshold() < 1.0 && m > 1) {
            nearStage(forms, comparable, options, uf);
        }
        // Group ids over posts, numbered by first post.
        int[] idOfRoot = new int[m];
        Arrays.fill(idOfRoot, -1);
        int[] group = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = uf.find(uniqueOf[i]);
            if (idOfRoot[r] < 0) {
                idOfRoot[r] = next++;
            }
            group[i] = idOfRoot[r];
        }
        int[] sizes = new int[next];
        for (int g : group) {
            sizes[g]++;
        }
        return new Result(group, sizes);
    }

    private static void nearStage(List<String> forms, boolean[] comparable, Options options, UnionFind uf) {
        int m = forms.size();
        int hashes = options.hashes();
        int rows = rowsPerBand(options.threshold(), hashes);
        int bands = hashes / rows;
        long[] seeds = new long[hashes];
        SplittableRandom rnd = new SplittableRandom(options.seed());
        for (int h = 0; h < hashes; h++) {
            seeds[h] = rnd.nextLong();
        }
        int[][] bandHash = new int[bands][m];
        IntStream.range(0, m).parallel().forEach(u -> {
            if (!comparable[u]) {
                for (int b = 0; b < bands; b++) {
                    // Unique per text so it never shares a bucket.
                    bandHash[b][u] = u;
                }
                return;
            }
            long[] shingles = shingles(forms.get(u), options.shingleLength());
            long[] sig = new long[hashes];
            Arrays.fill(sig, Long.MAX_VALUE);
            for (long s : shingles) {
                for (int h = 0; h < hashes; h++) {
                    long v = mix64(s ^ seeds[h]);
                    if (v < sig[h]) {
                        sig[h] = v;
                    }
                }
            }
            for (int b = 0; b < bands; b++) {
                long acc = 0x9E3779B97F4A7C15L * (b + 1);
                for (int r = 0; r < rows; r++) {
                    acc = mix64(acc ^ sig[b * rows + r]);
                }
                bandHash[b][u] = (int) (acc ^ (acc >>> 32));
            }
        });
        double threshold = options.threshold();
        long[] keys = new long[m];
        long[][] repShingles = new long[MAX_REPRESENTATIVES][];
        int[] reps = new int[MAX_REPRESENTATIVES];
        for (int b = 0; b < bands; b++) {
            int[] bh = bandHash[b];
            for (int u = 0; u < m; u++) {
                keys[u] = ((long) bh[u] << 32) | u;
            }
            Arrays.sort(keys);
            int i = 0;
            while (i < m) {
                int j = i + 1;
                while (j < m && (int) (keys[j] >> 32) == (int) (keys[i] >> 32)) {
                    j++;
                }
                if (j - i > 1) {
                    int repCount = 0;
                    for (int t = i; t < j; t++) {
                        int u = (int) keys[t];
                        if (!comparable[u]) {
                            continue;
                        }
                        long[] su = null;
                        boolean matched = false;
                        for (int r = 0; r < repCount; r++) {
                            if (uf.connected(u, reps[r])) {
                                matched = true;
                                continue;
                            }
                            if (su == null) {
                                su = shingles(forms.get(u), options.shingleLength());
                            }
                            if (jaccard(su, repShingles[r]) >= threshold) {
                                uf.union(u, reps[r]);
                                matched = true;
                            }
                        }
                        if (!matched && repCount < MAX_REPRESENTATIVES) {
                            reps[repCount] = u;
                            repShingles[repCount] = su != null ? su : shingles(forms.get(u), options.shingleLength());
                            repCount++;
                        }
                    }
                }
                i = j;
            }
        }
    }

    /** Rows per band: the most rows (fewest false candidates) that still catch a pair at the threshold with p >= 0.99. */
    static int rowsPerBand(double threshold, int hashes) {
        int best = 1;
        for (int rows = 1; rows <= hashes; rows++) {
            if (hashes % rows != 0) {
                continue;
            }
            int bands = hashes / rows;
            double p = 1 - Math.pow(1 - Math.pow(threshold, rows), bands);
            if (p >= 0.99) {
                best = rows;
            }
        }
        return best;
    }

    /** The form texts are compared in (see the class comment). */
    public static String comparisonForm(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        s = URL.matcher(s).replaceAll(" ");
        s = RETWEET.matcher(s).replaceAll(" ");
        s = MENTION.matcher(s).replaceAll(" ");
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) == ' ') {
            out.setLength(len - 1);
        }
        return out.toString();
    }

    /** Sorted distinct 64-bit hashes of the character shingles; the whole text if shorter than one shingle. */
    static long[] shingles(String form, int length) {
        int count = Math.max(1, form.length() - length + 1);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            int end = Math.min(form.length(), i + length);
            long h = 0xcbf29ce484222325L;
            for (int c = i; c < end; c++) {
                h = (h ^ form.charAt(c)) * 0x100000001b3L;
            }
            out[i] = mix64(h);
        }
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return distinct == count ? out : Arrays.copyOf(out, distinct);
    }

    /** |A ∩ B| / |A ∪ B| of two sorted distinct arrays. */
    static double jaccard(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 1.0 : (double) common / union;
    }

    /** SplitMix64 finaliser: a cheap, well-mixing 64-bit hash. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
