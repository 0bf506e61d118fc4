package org.sitroom.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.sitroom.engine.IngestReport;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.PostIds;
import org.sitroom.engine.PostStore;
import org.sitroom.ingest.PostsIngested;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.connect.Cursor;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.pipeline.IngestLedger.BatchCommit;
import org.sitroom.ingest.pipeline.IngestLedger.QuarantineRow;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One batch through the pipeline: normalise (NFC, control characters, length cap; the original is kept when
 * changed), guess the language where the source gave none (Lingua), hand the posts to the post store (dedupe,
 * embed, index, assign; durable and idempotent by post id on return), THEN commit the batch, its quarantine and
 * the new cursor in one database transaction, THEN announce {@link PostsIngested}.
 *
 * <p>That order is what makes a kill -9 harmless: until the cursor commits, a restart fetches the same batch again
 * and the store skips the posts it already has; once it commits, nothing is fetched twice. Everything is
 * synchronous per source, so a slow engine (whose embedding queue is bounded and blocks callers) slows the fetching
 * down and nothing is dropped.
 */
public class IngestPipeline {

    /** Originals longer than this are kept only in part; the cap on the stored text is much lower anyway. */
    private static final int MAX_ORIGINAL_CHARS = 65_536;

    /** Posts ready for the store, with what was set aside on the way. */
    record Prepared(List<NewPost> posts, Map<String, String> originals, List<QuarantineRow> quarantined) {
    }

    /** What storing a batch did. */
    public record Outcome(int fetched, int added, int redelivered, int copies, int quarantined, Instant earliest,
                          Instant latest) {
        static final Outcome EMPTY = new Outcome(0, 0, 0, 0, 0, null, null);

        Outcome plus(Outcome o) {
            return new Outcome(fetched + o.fetched, added + o.added, redelivered + o.redelivered, copies + o.copies,
                    quarantined + o.quarantined, min(earliest, o.earliest), max(latest, o.latest));
        }

        private static Instant min(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
        }

        private static Instant max(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }

    private final PostStore store;
    private final IngestLedger ledger;
    private final TextNormaliser normaliser;
    private final LanguageGuesser languages;
    private final boolean detectLanguage;
    private final ApplicationEventPublisher events;
    private final StageTimes times;

    IngestPipeline(PostStore store, IngestLedger ledger, TextNormaliser normaliser, LanguageGuesser languages,
                   boolean detectLanguage, ApplicationEventPublisher events, StageTimes times) {
        this.store = store;
        this.ledger = ledger;
        this.normaliser = normaliser;
        this.languages = languages;
        this.detectLanguage = detectLanguage;
        this.events = events;
        this.times = times;
    }

    /**
     * Stores a fetched batch and commits it with its cursor.
     *
     * @param stream  '' for a scheduled source, the file for an import
     * @param format  the record format of quarantined records (jsonl, csv, tsv), or null when not a file format
     * @param header  the CSV/TSV header line of quarantined records, or null
     */
    public Outcome process(String sourceId, Situation situation, String stream, List<IncomingPost> posts,
                           List<Quarantined> quarantined, Cursor next, String format, String header) {
        long started = System.nanoTime();
        Prepared prepared = prepare(sourceId, situation, posts);
        List<QuarantineRow> rows = new ArrayList<>();
        for (Quarantined q : quarantined) {
            rows.add(new QuarantineRow("record", format, header, q.position(), q.reason(), q.raw(), q.rawLength()));
        }
        rows.addAll(prepared.quarantined());
        Stored stored = store(prepared);
        rows.addAll(stored.refused());
        long commitStart = System.nanoTime();
        ledger.commit(new BatchCommit(sourceId, stream, situation.id(), next, posts.size(), stored.report().added(),
                stored.report().alreadyStored(), stored.report().duplicates(), rows, prepared.originals(),
                stored.earliest(), stored.latest(), (System.nanoTime() - started) / 1e9));
        times.add(StageTimes.Stage.COMMIT, System.nanoTime() - commitStart);
        return announce(sourceId, situation, posts.size(), stored, rows.size());
    }

    /** The store's part, for callers that commit differently (quarantine re-runs). */
    record Stored(IngestReport report, List<QuarantineRow> refused, Instant earliest, Instant latest) {
    }

    Prepared prepare(String sourceId, Situation situation, List<IncomingPost> posts) {
        List<NewPost> out = new ArrayList<>(posts.size());
        Map<String, String> originals = new LinkedHashMap<>();
        List<QuarantineRow> refused = new ArrayList<>();
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>(posts.size());
        List<String> hints = new ArrayList<>(posts.size()); // the source's language, or null where it gave none
        for (IncomingPost p : posts) {
            texts.add(normaliser.normalise(p.text()));
            hints.add(languageCode(p.language()));
        }
        times.add(StageTimes.Stage.NORMALISE, System.nanoTime() - t0);
        long t1 = System.nanoTime();
        Map<String, String> guessed = guessLanguages(texts, hints, situation.languages());
        times.add(StageTimes.Stage.LANGUAGE, System.nanoTime() - t1);
        for (int i = 0; i < posts.size(); i++) {
            IncomingPost p = posts.get(i);
            String text = texts.get(i);
            String postId = PostIds.of(sourceId, p.externalId());
            if (text.isBlank()) {
                byte[] raw = p.text().getBytes(StandardCharsets.UTF_8);
                refused.add(new QuarantineRow("post", null, null, "post " + p.externalId(),
                        "nothing left of the text after removing control characters", raw, raw.length));
                continue;
            }
            if (!text.equals(p.text())) {
                String original = p.text();
                originals.put(postId, original.length() > MAX_ORIGINAL_CHARS
                        ? original.substring(0, MAX_ORIGINAL_CHARS) : original);
            }
            String language = hints.get(i) != null ? hints.get(i) : guessed.get(text);
            String author = IncomingPost.UNKNOWN_AUTHOR.equals(p.author()) ? null : p.author();
            out.add(new NewPost(situation.id(), sourceId, p.externalId(), author, language, p.time(), text, p.url()));
        }
        return new Prepared(out, originals, refused);
    }

    /**
     * Lingua's guess for each distinct normalised text whose post came without a language. Copies are common
     * (retweets, campaigns: a quarter of MediaEval's posts), so each text is guessed once; and the guesses run in
     * parallel over the cores, since a guess is a pure function of the text. Lingua's own fork-join per call left a
     * core mostly idle: MediaEval's 11,415 distinct texts took 1.6-1.8 s one after another, 0.97 s in parallel (warm,
     * both cores, same CPU time or less).
     */
    private Map<String, String> guessLanguages(List<String> texts, List<String> hints,
                                               List<String> situationLanguages) {
        if (!detectLanguage) {
            return Map.of();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            if (hints.get(i) == null && !texts.get(i).isBlank()) {
                wanted.add(texts.get(i));
            }
        }
        List<String> distinct = List.copyOf(wanted);
        String[] codes = new String[distinct.size()];
        IntStream.range(0, distinct.size()).parallel()
                .forEach(i -> codes[i] = languages.guess(distinct.get(i), situationLanguages));
        Map<String, String> guessed = new HashMap<>(); // a HashMap keeps null, Lingua's "cannot tell"
        for (int i = 0; i < codes.length; i++) {
            guessed.put(distinct.get(i), codes[i]);
        }
        return guessed;
    }

    Stored store(Prepared prepared) {
        if (prepared.posts().isEmpty()) {
            return new Stored(new IngestReport(0, 0, List.of(), 0, 0, 0, 0), List.of(), null, null);
        }
        IngestReport report = store.add(prepared.posts());
        times.add(StageTimes.Stage.EMBED, (long) (report.embedSeconds() * 1e9));
        times.add(StageTimes.Stage.STORE_OTHER, (long) ((report.totalSeconds() - report.embedSeconds()) * 1e9));
        List<QuarantineRow> refused = new ArrayList<>();
        Map<String, NewPost> byId = new HashMap<>();
        prepared.posts().forEach(p -> byId.put(p.id(), p));
        for (IngestReport.Rejection r : report.rejected()) {
            NewPost p = byId.get(r.postId());
            byte[] raw = p == null ? new byte[0] : p.text().getBytes(StandardCharsets.UTF_8);
            refused.add(new QuarantineRow("post", null, null, "post " + (p == null ? r.postId() : p.externalId()),
                    "the engine refused it: " + r.reason(), raw, raw.length));
        }
        Instant earliest = null;
        Instant latest = null;
        for (NewPost p : prepared.posts()) {
            earliest = earliest == null || p.time().isBefore(earliest) ? p.time() : earliest;
            latest = latest == null || p.time().isAfter(latest) ? p.time() : latest;
        }
        return new Stored(report, refused, earliest, latest);
    }

    /** Announces posts now durable (new and re-delivered alike: a re-fetch after a crash was never announced). */
    Outcome announce(String sourceId, Situation situation, int fetched, Stored stored, int quarantined) {
        int durable = stored.report().added() + stored.report().alreadyStored();
        if (durable > 0) {
            events.publishEvent(new PostsIngested(situation.id(), sourceId, durable, stored.earliest(), stored.latest()));
        }
        return new Outcome(fetched, stored.report().added(), stored.report().alreadyStored(),
                stored.report().duplicates(), quarantined, stored.earliest(), stored.latest());
    }

    /** A source's language hint as ISO 639-1 ({@code en-US} to {@code en}), or null when it is none. */
    static String languageCode(String hint) {
        if (hint == null || hint.isBlank()) {
            return null;
        }
        String code = hint.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return code.matches("[a-z]{2}") ? code : null;
    }

    StageTimes times() {
        return times;
    }
}
