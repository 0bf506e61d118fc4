package org.sitroom.engine.internal.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Per-language text analysis. Lucene analyses per field, not per document, so each language family gets its own
 * field ({@code text_en}, {@code text_es}, ...; everything else goes to {@code text_std} with the StandardAnalyzer).
 * A document fills exactly one of them; a query is expanded over all of them, so stemming matches the post's
 * language whatever language the query is in.
 */
final class TextAnalysis {

    static final String PREFIX = "text_";
    static final String OTHER = "std";

    /** Families with a stemming analyser of their own, by ISO-639-1 code. */
    private static final List<String> FAMILIES = List.of("en", "es", "fr", "it", "pt", "de", "ru", "ar");

    private TextAnalysis() {
    }

    /** The family of a language tag: its primary subtag if it has an analyser, else {@link #OTHER}. */
    static String family(String language) {
        String primary = language == null ? "" : language.toLowerCase(Locale.ROOT);
        int dash = primary.indexOf('-');
        if (dash < 0) {
            dash = primary.indexOf('_');
        }
        if (dash >= 0) {
            primary = primary.substring(0, dash);
        }
        return FAMILIES.contains(primary) ? primary : OTHER;
    }

    static String field(String family) {
        return PREFIX + family;
    }

    /** All analysed text fields, the query expands over these. */
    static List<String> fields() {
        List<String> all = new ArrayList<>(FAMILIES.stream().map(TextAnalysis::field).toList());
        all.add(field(OTHER));
        return all;
    }

    /** The analyser for the whole index: per text field, StandardAnalyzer for anything else. */
    static Analyzer analyzer() {
        Map<String, Analyzer> perField = new LinkedHashMap<>();
        perField.put(field("en"), new EnglishAnalyzer());
        perField.put(field("es"), new SpanishAnalyzer());
        perField.put(field("fr"), new FrenchAnalyzer());
        perField.put(field("it"), new ItalianAnalyzer());
        perField.put(field("pt"), new PortugueseAnalyzer());
        perField.put(field("de"), new GermanAnalyzer());
        perField.put(field("ru"), new RussianAnalyzer());
        perField.put(field("ar"), new ArabicAnalyzer());
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
    }
}
