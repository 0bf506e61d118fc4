package org.sitroom.narratives;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keywords of narratives by class-based TF-IDF as in BERTopic (Grootendorst 2022): all texts of a class are one
 * document; a term's weight in class c is {@code tf(t,c) / sum_t tf(t,c) * log(1 + A / f(t))}, with A the average
 * number of terms per class and f(t) the term's frequency over all classes. Words frequent everywhere sink, words
 * frequent in one narrative rise.
 */
final class Keywords {

    /** A term and its c-TF-IDF weight. */
    record Scored(String term, double weight) {
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern MENTION = Pattern.compile("@[\\p{L}\\p{N}_.]+(?:@[\\p{L}\\p{N}_.-]+)?");
    // Hashtags whole (kept with their #: they are how campaigns name themselves), or letters with inner apostrophes
    // or hyphens ("set-up", "aujourd'hui"); digits alone never make a keyword.
    private static final Pattern WORD =
            Pattern.compile("#[\\p{L}\\p{M}\\p{N}_]+|[\\p{L}\\p{M}]+(?:['’-][\\p{L}\\p{M}]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MIN_LENGTH = 3;

    private Keywords() {
    }

    /** Lower case without accents, so "Σκηνοθεσία" and "σκηνοθεσια" or "Işık" and "isik" count as one term. */
    static String fold(String token) {
        String lower = token.toLowerCase(Locale.ROOT).replace('ı', 'i').replace('ς', 'σ');
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /**
     * The content words of a text, folded, each once (one post saying a word ten times counts once), with the
     * surface form seen recorded in {@code surfaces} (folded -> lower-case form as written) when not null.
     */
    static Set<String> terms(String text, String language, Map<String, Map<String, Integer>> surfaces) {
        String cleaned = MENTION.matcher(URL.matcher(text).replaceAll(" ")).replaceAll(" ");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(cleaned);
        StopWords stop = StopWords.get();
        while (m.find()) {
            String surface = m.group().toLowerCase(Locale.ROOT);
            boolean hashtag = surface.startsWith("#");
            String word = hashtag ? surface.substring(1) : surface;
            if (word.codePointCount(0, word.length()) < MIN_LENGTH || (hashtag && word.chars().allMatch(Character::isDigit))) {
                continue;
            }
            String folded = fold(surface);
            if ((!hashtag && stop.isStop(folded, language)) || !out.add(folded)) {
                continue;
            }
            if (surfaces != null) {
                surfaces.computeIfAbsent(folded, k -> new HashMap<>()).merge(surface, 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * The top {@code limit} terms of each class by c-TF-IDF.
     *
     * @param termCounts per class, how often each term occurs; classes that only shape the weights (e.g. the
     *                   unassigned posts) are included here and simply ignored by the caller
     */
    static Map<String, List<Scored>> top(Map<String, Map<String, Integer>> termCounts, int limit) {
        Map<String, Long> frequency = new HashMap<>();
        long allTerms = 0;
        for (Map<String, Integer> counts : termCounts.values()) {
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                frequency.merge(e.getKey(), (long) e.getValue(), Long::sum);
                allTerms += e.getValue();
            }
        }
        if (termCounts.isEmpty()) {
            return Map.of();
        }
        // BERTopic truncates the average to an integer; kept for identical weights.
        long average = allTerms / termCounts.size();
        Map<String, List<Scored>> result = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> c : termCounts.entrySet()) {
            long total = c.getValue().values().stream().mapToLong(Integer::longValue).sum();
            List<Scored> scored = new ArrayList<>();
            for (Map.Entry<String, Integer> e : c.getValue().entrySet()) {
                double tf = (double) e.getValue() / total;
                double idf = Math.log(1.0 + (double) average / frequency.get(e.getKey()));
                scored.add(new Scored(e.getKey(), tf * idf));
            }
            // Ties (common in small narratives) break alphabetically so titles do not flicker between refreshes.
            scored.sort(Comparator.comparingDouble(Scored::weight).reversed().thenComparing(Scored::term));
            result.put(c.getKey(), List.copyOf(scored.subList(0, Math.min(limit, scored.size()))));
        }
        return result;
    }

    /** The most common way a folded term was written, for display. */
    static String display(String folded, Map<String, Map<String, Integer>> surfaces) {
        Map<String, Integer> forms = surfaces.get(folded);
        if (forms == null || forms.isEmpty()) {
            return folded;
        }
        return forms.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }

    /**
     * A title from the first keywords, words before hashtags ("Staged · cameras · theatre" reads better than
     * "#staged · #theatre · cameras"); hashtags fill in when there are too few words.
     */
    static String title(List<String> keywords, int words) {
        if (keywords.isEmpty()) {
            return "Untitled narrative";
        }
        List<String> picked = new java.util.ArrayList<>(keywords.stream().filter(k -> !k.startsWith("#")).limit(words).toList());
        keywords.stream().filter(k -> k.startsWith("#")).limit(words - picked.size()).forEach(picked::add);
        String joined = String.join(" · ", picked);
        return joined.substring(0, joined.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                + joined.substring(joined.offsetByCodePoints(0, 1));
    }
}
