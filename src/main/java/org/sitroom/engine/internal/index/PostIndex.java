package org.sitroom.engine.internal.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOFunction;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The post store: one Lucene index folder holding the posts of all situations, with BM25 text search in the post's
 * language, HNSW vector search, duplicate groups and narrative assignments.
 *
 * <h2>Durability</h2>
 * Writes become visible to reads at once (near-real-time) but durable only on {@link #commit(Map)}, which fsyncs.
 * {@link #close()} does <em>not</em> commit: whatever was written after the last commit is dropped, exactly as a
 * crash would drop it, so the commit user data (e.g. an ingest cursor) always describes what the index holds. Writes
 * are idempotent by post id, so a caller replays from the cursor in {@link #lastCommitData()} after a restart.
 *
 * <h2>Updatable assignments</h2>
 * Narrative and duplicate-group ids are numeric doc values updated in place ({@link #setNarratives(Map)}), not by
 * re-indexing: reclustering 100k posts then rewrites one small column per segment instead of re-analysing text and
 * rebuilding HNSW graphs. Narrative filters therefore run over doc values (fine as a filter beside the situation
 * term), and narrative ids are {@code long}s.
 *
 * <h2>Vectors</h2>
 * Vectors must be unit length; similarity is the dot product. {@link VectorFormat#INT7} keeps a 7-bit scalar
 * quantised copy for the HNSW graph (about 4x less memory to search) beside the raw floats; k-NN results are always
 * re-scored with the raw floats, so returned similarities are exact. The format applies to segments written by this
 * instance; an index may mix both and stays readable either way.
 *
 * <p>Thread-safe. Reads are scoped to one situation.
 */
public final class PostIndex implements AutoCloseable {

    /** How the vector field is stored for search. */
    public enum VectorFormat {
        /** Raw float32 vectors in the HNSW graph: exact, 4 bytes per dimension in memory while searching. */
        FLOAT32,
        /** HNSW over int7 scalar-quantised vectors (raw floats kept for re-scoring): for large indexes. */
        INT7
    }

    // Field names. Several share a name on purpose: a StringField (term, for lookup/filter), a doc-values column
    // (for streaming and sorting without loading stored text) and a stored copy (for display).
    static final String F_ID = "id";
    static final String F_SITUATION = "situation";
    static final String F_SOURCE = "source";
    static final String F_AUTHOR = "author";
    static final String F_LANGUAGE = "language";
    static final String F_TIME = "time";
    static final String F_TEXT = "text";
    static final String F_FAMILY = "text_family";
    static final String F_VECTOR = "vector";
    static final String F_HASH = "content_hash";
    static final String F_DUP = "dup_group";
    static final String F_NARRATIVE = "narrative";

    /** Doc-values stand-in for a {@code null} narrative or duplicate group (updatable doc values cannot be unset). */
    static final long NONE = Long.MIN_VALUE;

    /** k-NN searches ask HNSW for at least this many candidates: search breadth equals k, recall needs breadth. */
    static final int MIN_KNN_CANDIDATES = 100;

    /**
     * A k-NN vote searches {@code VOTE_BREADTH * k} candidates, not {@value #MIN_KNN_CANDIDATES}: every ingested post
     * votes, the search was most of the store's work, and a vote among 15 neighbours is not swayed by the odd
     * neighbour a narrower search misses (the cluster bench's incremental ARI checks that).
     */
    static final int VOTE_BREADTH = 2;

    /**
     * Reciprocal rank fusion constant (Cormack, Clarke &amp; Buettcher 2009): a document's fused score is
     * {@code sum 1 / (RRF_K + rank)} over the BM25 and the k-NN list (rank from 1). 60 is the published default; it
     * damps the weight of the very first ranks so neither list dominates.
     */
    static final int RRF_K = 60;

    /** Each list of a hybrid search contributes its top {@code max(limit, RRF_DEPTH)} documents. */
    static final int RRF_DEPTH = 100;

    /** A hybrid hit counts as found by words (or by meaning) when it is in that list's top {@code max(limit, this)}. */
    static final int FOUND_BY_DEPTH = 50;

    /** The stored fields a search hit shows. */
    private static final Set<String> HIT_FIELDS = Set.of(F_ID, F_SOURCE, F_AUTHOR, F_LANGUAGE, F_TIME, F_TEXT, F_FAMILY);

    /** Upper bound on buckets of one {@link #hourlyCounts} call (about 114 years), to refuse nonsense ranges. */
    private static final int MAX_BUCKETS = 1_000_000;

    private static final int SNIPPET_GOAL_CHARS = 160;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final UnifiedHighlighter highlighter;
    private final VectorFormat vectorFormat;
    private final Object refreshLock = new Object();
    /** Bumped after every write; reads refresh the NRT searcher lazily when it is behind. */
    private final java.util.concurrent.atomic.AtomicLong writeGeneration = new java.util.concurrent.atomic.AtomicLong();
    private volatile long searchedGeneration;
    private volatile Map<String, String> lastCommitData;

    /** Opens (or creates) the index in {@code folder} with float32 vectors. */
    public PostIndex(Path folder) throws IOException {
        this(folder, VectorFormat.FLOAT32);
    }

    /**
     * Opens (or creates) the index in {@code folder}; {@code vectors} chooses the vector format for new segments.
     * Only one instance may have a folder open (Lucene's write lock).
     */
    public PostIndex(Path folder, VectorFormat vectors) throws IOException {
        this.vectorFormat = Objects.requireNonNull(vectors, "vectors");
        this.analyzer = TextAnalysis.analyzer();
        this.directory = FSDirectory.open(folder);
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(codec(vectors))
                // Only an explicit commit makes writes durable; see the class comment.
                .setCommitOnClose(false)
                // Vectors dominate the buffer (1.5 KB a post); a larger buffer means fewer, larger HNSW segments.
                .setRAMBufferSizeMB(128);
        IndexWriter w = null;
        try {
            w = new IndexWriter(directory, config);
            if (!DirectoryReader.indexExists(directory)) {
                w.commit(); // a valid empty commit, so the folder always opens and has (empty) commit data
            }
            this.lastCommitData = Map.copyOf(SegmentInfos.readLatestCommit(directory).getUserData());
            this.writer = w;
            this.searchers = new SearcherManager(w, new SearcherFactory());
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.rollback();
            }
            directory.close();
            throw e;
        }
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new SnippetFormatter())
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_GOAL_CHARS, 0.5f))
                .withMaxNoHighlightPassages(1)
                .build();
    }

    /**
     * The default codec with the vector format chosen per field. Its name stays that of the default codec and each
     * field records its vector format by name, so any Lucene 10.6 reader opens the index whatever the switch was.
     */
    private static Codec codec(VectorFormat vectors) {
        KnnVectorsFormat format = switch (vectors) {
            case FLOAT32 -> new Lucene99HnswVectorsFormat();
            case INT7 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT,
                    Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH);
        };
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** The vector format new segments are written with. */
    public VectorFormat vectorFormat() {
        return vectorFormat;
    }

    // ---------------------------------------------------------------------------------------------------- writes

    /**
     * Adds or replaces posts (by id). Visible to reads at once, durable after {@link #commit(Map)}.
     *
     * @throws IllegalArgumentException if a vector is not finite and unit length, or its dimension differs from the
     *                                  index's; nothing of the batch is written then
     */
    public void add(List<PostRecord> posts) throws IOException {
        List<Document> docs = documents(posts);
        for (int i = 0; i < docs.size(); i++) {
            writer.updateDocument(new Term(F_ID, posts.get(i).id()), docs.get(i));
        }
        written();
    }

    /**
     * Adds posts the caller has checked are not in the index yet (under its own write lock), as {@link #add(List)}
     * does but without a delete by id per post: each such delete is resolved against every segment at the next
     * flush, which made commits grow with the index.
     *
     * @throws IllegalArgumentException as {@link #add(List)}
     */
    public void addNew(List<PostRecord> posts) throws IOException {
        writer.addDocuments(documents(posts));
        written();
    }

    /** The documents of a batch, all of them built (and so validated) before the first write. */
    private static List<Document> documents(List<PostRecord> posts) {
        List<Document> docs = new ArrayList<>(posts.size());
        for (PostRecord p : posts) {
            docs.add(document(p));
        }
        return docs;
    }

    private static Document document(PostRecord p) {
        checkUnit(p.vector());
        String id = p.id();
        String family = TextAnalysis.family(p.language());
        long millis = p.time().toEpochMilli();
        Document d = new Document();
        d.add(new StringField(F_ID, id, Field.Store.YES));
        d.add(new BinaryDocValuesField(F_ID, new BytesRef(id)));
        d.add(new StringField(F_SITUATION, p.situation(), Field.Store.YES));
        d.add(new StringField(F_SOURCE, p.source(), Field.Store.YES));
        d.add(new SortedDocValuesField(F_SOURCE, new BytesRef(p.source())));
        d.add(new StoredField("external_id", p.externalId()));
        d.add(new StringField(F_AUTHOR, p.author(), Field.Store.YES));
        d.add(new SortedDocValuesField(F_AUTHOR, new BytesRef(p.author())));
        d.add(new StringField(F_LANGUAGE, p.language(), Field.Store.YES));
        d.add(new SortedDocValuesField(F_LANGUAGE, new BytesRef(p.language())));
        d.add(new LongPoint(F_TIME, millis));
        d.add(new NumericDocValuesField(F_TIME, millis));
        d.add(new StoredField(F_TIME, millis));
        d.add(new StoredField(F_TEXT, p.text()));
        d.add(new StoredField(F_FAMILY, family));
        d.add(new TextField(TextAnalysis.field(family), p.text(), Field.Store.NO));
        d.add(new KnnFloatVectorField(F_VECTOR, p.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        if (p.contentHash() != null) {
            d.add(new StringField(F_HASH, p.contentHash(), Field.Store.YES));
        }
        // Always present (NONE when null): doc-values updates need the column to exist in every segment.
        d.add(new NumericDocValuesField(F_DUP, orNone(p.dupGroup())));
        d.add(new NumericDocValuesField(F_NARRATIVE, orNone(p.narrativeId())));
        return d;
    }

    private static void checkUnit(float[] v) {
        double sq = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("vector has a non-finite component");
            }
            sq += (double) x * x;
        }
        // DOT_PRODUCT equals cosine only for unit vectors; 1e-3 allows float rounding of a normalised vector.
        if (Math.abs(sq - 1) > 1e-3) {
            throw new IllegalArgumentException("vector must be L2-normalised, |v|^2 = " + sq);
        }
    }

    private static long orNone(Long value) {
        if (value != null && value == NONE) {
            throw new IllegalArgumentException(NONE + " is reserved for 'none'");
        }
        return value == null ? NONE : value;
    }

    private static Long noneToNull(long value) {
        return value == NONE ? null : value;
    }

    /**
     * Sets the narrative of each post (a {@code null} value clears it). Unknown ids are ignored. Done as in-place
     * doc-values updates: cheap for a full recluster, no text re-analysis, no HNSW rebuild.
     */
    public void setNarratives(Map<String, Long> narrativeByPostId) throws IOException {
        updateNumeric(F_NARRATIVE, narrativeByPostId);
    }

    /** Sets the duplicate group of each post (a {@code null} value clears it). Unknown ids are ignored. */
    public void setDuplicateGroups(Map<String, Long> groupByPostId) throws IOException {
        updateNumeric(F_DUP, groupByPostId);
    }

    private void updateNumeric(String field, Map<String, Long> values) throws IOException {
        for (Map.Entry<String, Long> e : values.entrySet()) {
            orNone(e.getValue()); // validate first
        }
        for (Map.Entry<String, Long> e : values.entrySet()) {
            writer.updateNumericDocValue(new Term(F_ID, e.getKey()), field, orNone(e.getValue()));
        }
        written();
    }

    /** Deletes every post of a situation (durable after the next commit). */
    public void deleteSituation(String situation) throws IOException {
        writer.deleteDocuments(new Term(F_SITUATION, situation));
        written();
    }

    /**
     * Makes every write so far durable (fsync) together with {@code userData}, e.g. an ingest cursor or sequence
     * number. After a crash, {@link #lastCommitData()} returns the user data of the last successful commit and the
     * index holds exactly the writes made before it.
     */
    public void commit(Map<String, String> userData) throws IOException {
        Map<String, String> data = Map.copyOf(userData);
        synchronized (this) {
            writer.setLiveCommitData(new LinkedHashMap<>(data).entrySet());
            writer.commit();
            lastCommitData = data;
        }
    }

    /** The user data of the last durable commit ({@code {}} for a new index). */
    public Map<String, String> lastCommitData() {
        return lastCommitData;
    }

    private void written() {
        writeGeneration.incrementAndGet();
    }

    // ---------------------------------------------------------------------------------------------------- reads

    /**
     * Runs {@code fn} on a searcher that sees every write completed before this call (read-your-writes). Refreshing
     * lazily here rather than after each write lets bulk writes without reads in between form larger segments.
     */
    <T> T read(IOFunction<IndexSearcher, T> fn) throws IOException {
        long wanted = writeGeneration.get();
        if (searchedGeneration < wanted) {
            synchronized (refreshLock) {
                if (searchedGeneration < wanted) {
                    long target = writeGeneration.get();
                    searchers.maybeRefreshBlocking();
                    searchedGeneration = target;
                }
            }
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            return fn.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * Whether any post of the situation belongs to a narrative. Until a first recluster none does, and a k-NN vote
     * could only return "unassigned": the store skips the votes then.
     */
    public boolean anyAssigned(String situation) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(situationQuery(situation), Occur.FILTER)
                .add(NumericDocValuesField.newSlowRangeQuery(F_NARRATIVE, NONE + 1, Long.MAX_VALUE), Occur.FILTER)
                .build();
        return read(s -> s.search(q, 1).totalHits.value() > 0);
    }

    /** Number of posts in a situation. */
    public int count(String situation) throws IOException {
        return read(s -> s.count(situationQuery(situation)));
    }

    /** Number of posts of a situation that pass {@code filter}; counted by the index, no post is read. */
    public int count(String situation, PostFilter filter) throws IOException {
        return read(s -> s.count(filterQuery(situation, filter)));
    }

    /** The stored posts of {@code situation} among these ids, in no particular order. */
    public List<PostHit> byIds(String situation, Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query q = new BooleanQuery.Builder()
                .add(new TermInSetQuery(F_ID, ids.stream().map(BytesRef::new).toList()), Occur.FILTER)
                .add(situationQuery(situation), Occur.FILTER)
                .build();
        return read(s -> hits(s, Arrays.asList(s.search(q, ids.size()).scoreDocs), null, false));
    }

    /** The post with this id, with its vector and current narrative and duplicate group. */
    public Optional<PostRecord> get(String id) throws IOException {
        return read(s -> {
            TopDocs top = s.search(new TermQuery(new Term(F_ID, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(load(s, top.scoreDocs[0].doc));
        });
    }

    /** Which of {@code ids} are in the index (any situation); for idempotent ingest. */
    public Set<String> exists(Collection<String> ids) throws IOException {
        return read(s -> {
            Set<String> found = new HashSet<>();
            List<String> sorted = ids.stream().distinct().sorted().toList(); // sorted seeks walk the terms forward
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(F_ID);
                if (terms == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                TermsEnum te = terms.iterator();
                PostingsEnum postings = null;
                for (String id : sorted) {
                    if (found.contains(id) || !te.seekExact(new BytesRef(id))) {
                        continue;
                    }
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                        if (live == null || live.get(d)) {
                            found.add(id);
                            break;
                        }
                    }
                }
            }
            return found;
        });
    }

    /** The duplicate group and narrative of a stored post (either null when it has none). */
    public record StoredGroup(Long dupGroup, Long narrativeId) {
    }

    /**
     * For each of {@code contentHashes} that posts of the situation already have, the group and narrative of the
     * first such post in index order: one query for a whole batch, where
     * a query per post cost as much as grouping the batch.
     */
    public Map<String, StoredGroup> groupsByContentHash(String situation, Collection<String> contentHashes)
            throws IOException {
        if (contentHashes.isEmpty()) {
            return Map.of();
        }
        Query q = new BooleanQuery.Builder()
                .add(situationQuery(situation), Occur.FILTER)
                .add(new TermInSetQuery(F_HASH, contentHashes.stream().map(BytesRef::new).toList()), Occur.FILTER)
                .build();
        return read(s -> {
            Map<String, StoredGroup> found = new HashMap<>();
            StoredFields fields = s.storedFields();
            forEachMatch(s, q, leaf -> {
                NumericDocValues dup = DocValues.getNumeric(leaf.reader(), F_DUP);
                NumericDocValues narrative = DocValues.getNumeric(leaf.reader(), F_NARRATIVE);
                return doc -> {
                    String hash = fields.document(leaf.docBase + doc, Set.of(F_HASH)).get(F_HASH);
                    if (!found.containsKey(hash)) {
                        found.put(hash, new StoredGroup(noneToNull(numeric(dup, doc, NONE)),
                                noneToNull(numeric(narrative, doc, NONE))));
                    }
                };
            });
            return found;
        });
    }

    /**
     * BM25 search over the post text in each post's language, best first, each hit with a plain-text snippet.
     * Query syntax is Lucene's simple syntax ({@code "phrase"}, {@code -not}, {@code pre*}, {@code a | b}); terms are
     * OR-ed so a post with more of them ranks higher. A blank query lists the newest matching posts.
     */
    public List<PostHit> search(String situation, String queryText, PostFilter filter, int limit) throws IOException {
        return search(situation, queryText, filter, 0, limit);
    }

    /**
     * One page of {@link #search(String, String, PostFilter, int)}: the hits ranked {@code offset} to
     * {@code offset + limit - 1}. Only the page's posts are read from the stored fields.
     */
    public List<PostHit> search(String situation, String queryText, PostFilter filter, int offset, int limit)
            throws IOException {
        if (limit <= 0 || offset < 0) {
            return List.of();
        }
        int upTo = (int) Math.min(Integer.MAX_VALUE - 1, (long) offset + limit);
        Query filterQuery = filterQuery(situation, filter);
        return read(s -> {
            Query text = textQuery(s, queryText);
            if (text == null) {
                Query q = queryText == null || queryText.isBlank() ? filterQuery : null;
                if (q == null) {
                    return List.<PostHit>of(); // the query analysed to nothing (e.g. only punctuation)
                }
                TopDocs top = s.search(q, upTo, new Sort(new SortField(F_TIME, SortField.Type.LONG, true)));
                return hits(s, page(top.scoreDocs, offset), null, false);
            }
            Query q = new BooleanQuery.Builder().add(text, Occur.MUST).add(filterQuery, Occur.FILTER).build();
            return hits(s, page(searchText(s, q, upTo).scoreDocs, offset), text, true);
        });
    }

    private static List<ScoreDoc> page(ScoreDoc[] ranked, int offset) {
        return offset >= ranked.length ? List.of() : Arrays.asList(ranked).subList(offset, ranked.length);
    }

    /**
     * The {@code k} posts most similar to {@code vector} (unit length), best first; score = dot product. HNSW is asked
     * for at least {@value #MIN_KNN_CANDIDATES} candidates (its search breadth equals k, and recall needs breadth),
     * which are re-scored with the raw vectors and cut to {@code k}.
     */
    public List<PostHit> knn(String situation, float[] vector, int k, PostFilter filter) throws IOException {
        if (k <= 0) {
            return List.of();
        }
        return read(s -> hits(s, knnRanked(s, situation, vector, k, filter, MIN_KNN_CANDIDATES), null, true));
    }

    /**
     * The narratives of the {@code k} posts of {@code situation} most similar to {@code vector}, best first: what a
     * k-NN vote needs, read from doc values alone. Reading whole posts (their compressed stored text) cost more than
     * the search itself when every ingested post votes.
     */
    public List<Neighbour> knnNarratives(String situation, float[] vector, int k) throws IOException {
        if (k <= 0) {
            return List.of();
        }
        return read(s -> {
            List<ScoreDoc> ranked = knnRanked(s, situation, vector, k, PostFilter.NONE, VOTE_BREADTH * k);
            Neighbour[] out = new Neighbour[ranked.size()];
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            int currentLeaf = -1;
            NumericDocValues narratives = null;
            for (int i : inDocOrder(ranked)) {
                int doc = ranked.get(i).doc;
                int li = ReaderUtil.subIndex(doc, leaves);
                if (li != currentLeaf) { // doc values iterate forwards: one iterator per leaf, docs ascending
                    currentLeaf = li;
                    narratives = DocValues.getNumeric(leaves.get(li).reader(), F_NARRATIVE);
                }
                long narrative = numeric(narratives, doc - leaves.get(li).docBase, NONE);
                out[i] = new Neighbour(noneToNull(narrative), ranked.get(i).score);
            }
            return Arrays.asList(out);
        });
    }

    /** A neighbour in a k-NN vote: its narrative (null when unassigned) and its dot-product similarity. */
    public record Neighbour(Long narrativeId, float score) {
    }

    /**
     * Exact-rescored k-NN: up to {@code k} docs, best first, score = dot product, from {@code breadth} HNSW
     * candidates (at least k).
     */
    private List<ScoreDoc> knnRanked(IndexSearcher s, String situation, float[] vector, int k, PostFilter filter,
                                     int breadth) throws IOException {
        int maxDoc = s.getIndexReader().maxDoc();
        if (maxDoc == 0) {
            return List.of();
        }
        // HNSW allocates queues of size k: never more than there are documents.
        int candidatesWanted = Math.min(Math.max(k, breadth), maxDoc);
        Query q = new KnnFloatVectorQuery(F_VECTOR, vector, candidatesWanted, knnFilter(s, situation, filter));
        ScoreDoc[] candidates = s.search(q, candidatesWanted).scoreDocs;
        int[] docs = Arrays.stream(candidates).mapToInt(sd -> sd.doc).sorted().toArray();
        float[][] vectors = vectors(s, docs);
        List<ScoreDoc> ranked = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            ranked.add(new ScoreDoc(docs[i], VectorUtil.dotProduct(vector, vectors[i])));
        }
        ranked.sort(Comparator.comparingDouble((ScoreDoc sd) -> -sd.score).thenComparingInt(sd -> sd.doc));
        return ranked.size() > k ? ranked.subList(0, k) : ranked;
    }

    /**
     * Hybrid search: BM25 on {@code queryText} and k-NN on {@code vector}, fused by reciprocal rank
     * ({@code score = sum 1/(}{@value #RRF_K}{@code  + rank)}, each list cut at {@code max(limit, }{@value #RRF_DEPTH}
     * {@code )}). Rank fusion needs no score calibration between BM25 and cosine. Hits carry a snippet (matches may
     * be empty for a hit found by its vector only) and say which list found them, so one pass serves the labels too.
     */
    public List<HybridHit> searchHybrid(String situation, String queryText, float[] vector, PostFilter filter,
            int limit) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        Query filterQuery = filterQuery(situation, filter);
        int depth = Math.max(limit, RRF_DEPTH);
        int foundByDepth = Math.max(limit, FOUND_BY_DEPTH);
        return read(s -> {
            Query text = textQuery(s, queryText);
            Map<Integer, Double> fused = new HashMap<>();
            Set<Integer> byWords = new HashSet<>();
            Set<Integer> byMeaning = new HashSet<>();
            if (text != null) {
                Query q = new BooleanQuery.Builder().add(text, Occur.MUST).add(filterQuery, Occur.FILTER).build();
                ScoreDoc[] bm25 = searchText(s, q, depth).scoreDocs;
                for (int r = 0; r < bm25.length; r++) {
                    fused.merge(bm25[r].doc, 1.0 / (RRF_K + r + 1), Double::sum);
                    if (r < foundByDepth) {
                        byWords.add(bm25[r].doc);
                    }
                }
            }
            if (vector != null) {
                List<ScoreDoc> nn = knnRanked(s, situation, vector, depth, filter, MIN_KNN_CANDIDATES);
                for (int r = 0; r < nn.size(); r++) {
                    fused.merge(nn.get(r).doc, 1.0 / (RRF_K + r + 1), Double::sum);
                    if (r < foundByDepth) {
                        byMeaning.add(nn.get(r).doc);
                    }
                }
            }
            List<Map.Entry<Integer, Double>> order = new ArrayList<>(fused.entrySet());
            order.sort(Map.Entry.<Integer, Double>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            List<ScoreDoc> top = order.subList(0, Math.min(limit, order.size())).stream()
                    .map(e -> new ScoreDoc(e.getKey(), e.getValue().floatValue())).toList();
            List<PostHit> posts = hits(s, top, text, true);
            List<HybridHit> hits = new ArrayList<>(posts.size());
            for (int i = 0; i < posts.size(); i++) {
                int doc = top.get(i).doc;
                hits.add(new HybridHit(posts.get(i), byWords.contains(doc), byMeaning.contains(doc)));
            }
            return hits;
        });
    }

    /**
     * Posts per hour of a situation (optionally of one narrative), from time doc values. Buckets start at local hour
     * starts in {@code zone}, from the hour containing {@code from} to the one containing {@code to} (exclusive end;
     * {@code to} itself counts only if it is not on an hour start), with zero buckets included. A bucket is one
     * elapsed hour, so a day has 23 or 25 buckets at DST changes; the repeated autumn hour appears twice, each with
     * its own start instant. (In zones whose offset changes by less than an hour a bucket can be shorter.)
     */
    public List<HourBucket> hourlyCounts(String situation, Long narrative, ZoneId zone, Instant from, Instant to)
            throws IOException {
        if (!to.isAfter(from)) {
            return List.of();
        }
        long[] bounds = hourBounds(zone, from, to);
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(situationQuery(situation), Occur.FILTER)
                .add(timeRange(bounds[0], bounds[bounds.length - 1]), Occur.FILTER);
        if (narrative != null) {
            b.add(NumericDocValuesField.newSlowExactQuery(F_NARRATIVE, narrative), Occur.FILTER);
        }
        Query q = b.build();
        long[] counts = new long[bounds.length - 1];
        read(s -> {
            forEachMatch(s, q, leaf -> {
                NumericDocValues time = DocValues.getNumeric(leaf.reader(), F_TIME);
                return doc -> {
                    if (time.advanceExact(doc)) {
                        int i = Arrays.binarySearch(bounds, time.longValue());
                        int bucket = i >= 0 ? i : -i - 2; // insertion point - 1 = the bound at or before t
                        if (bucket >= 0 && bucket < counts.length) {
                            counts[bucket]++;
                        }
                    }
                };
            });
            return null;
        });
        List<HourBucket> buckets = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new HourBucket(Instant.ofEpochMilli(bounds[i]), counts[i]));
        }
        return buckets;
    }

    /** Local hour starts in {@code zone} covering [from, to): bucket i is [bounds[i], bounds[i+1]). */
    static long[] hourBounds(ZoneId zone, Instant from, Instant to) {
        List<Long> bounds = new ArrayList<>();
        Instant b = ZonedDateTime.ofInstant(from, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        bounds.add(b.toEpochMilli());
        while (b.isBefore(to)) {
            // Step one elapsed hour, then snap to the local hour start: truncation keeps the current offset in an
            // overlap, so the repeated autumn hour yields two buckets rather than one of two hours.
            Instant next = ZonedDateTime.ofInstant(b.plus(Duration.ofHours(1)), zone)
                    .truncatedTo(ChronoUnit.HOURS).toInstant();
            b = next.isAfter(b) ? next : b.plus(Duration.ofHours(1));
            bounds.add(b.toEpochMilli());
            if (bounds.size() > MAX_BUCKETS) {
                throw new IllegalArgumentException("time range too long for hourly buckets");
            }
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Streams every post of a situation in index order, with its vector, from doc values and vector values only
     * (stored text is never loaded), for reclustering. The consumer runs while a searcher is held: keep it quick or
     * copy out.
     */
    public void forEachPost(String situation, Consumer<PostVector> consumer) throws IOException {
        read(s -> {
            forEachMatch(s, situationQuery(situation), leaf -> {
                LeafReader r = leaf.reader();
                BinaryDocValues id = DocValues.getBinary(r, F_ID);
                NumericDocValues time = DocValues.getNumeric(r, F_TIME);
                SortedDocValues author = DocValues.getSorted(r, F_AUTHOR);
                SortedDocValues language = DocValues.getSorted(r, F_LANGUAGE);
                NumericDocValues dup = DocValues.getNumeric(r, F_DUP);
                NumericDocValues narrative = DocValues.getNumeric(r, F_NARRATIVE);
                LeafVectors vectors = new LeafVectors(r);
                return doc -> consumer.accept(new PostVector(
                        binary(id, doc),
                        vectors.get(doc),
                        Instant.ofEpochMilli(numeric(time, doc, 0)),
                        sorted(author, doc),
                        sorted(language, doc),
                        noneToNull(numeric(dup, doc, NONE)),
                        noneToNull(numeric(narrative, doc, NONE))));
            });
            return null;
        });
    }

    /** Closes the index without committing: writes after the last {@link #commit(Map)} are dropped. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close(); // commitOnClose=false: rolls back to the last commit
            } finally {
                directory.close();
            }
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    static Query situationQuery(String situation) {
        return new TermQuery(new Term(F_SITUATION, situation));
    }

    private static Query timeRange(long fromInclusive, long toExclusive) {
        return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(F_TIME, fromInclusive, toExclusive - 1),
                NumericDocValuesField.newSlowRangeQuery(F_TIME, fromInclusive, toExclusive - 1));
    }

    /**
     * The filter of a k-NN search, or null when it would pass every document: the usual case of an index that holds
     * one situation. A filtered HNSW search first collects the filter's matches into a bit set, a pass over the
     * situation's postings for every query, which the vote of each ingested post would pay for nothing. (A term's
     * document frequency counts deleted documents too, so equality with maxDoc means every live post matches.)
     */
    private static Query knnFilter(IndexSearcher s, String situation, PostFilter filter) throws IOException {
        boolean unfiltered = filter == null || filter.equals(PostFilter.NONE);
        if (unfiltered && s.getIndexReader().docFreq(new Term(F_SITUATION, situation)) == s.getIndexReader().maxDoc()) {
            return null;
        }
        return filterQuery(situation, filter);
    }

    static Query filterQuery(String situation, PostFilter filter) {
        PostFilter f = filter == null ? PostFilter.NONE : filter;
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(situationQuery(situation), Occur.FILTER);
        if (f.from() != null || f.to() != null) {
            long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochMilli();
            long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochMilli();
            b.add(timeRange(from, to), Occur.FILTER);
        }
        if (!f.languages().isEmpty()) {
            b.add(anyOf(F_LANGUAGE, f.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList()),
                    Occur.FILTER);
        }
        if (!f.sources().isEmpty()) {
            b.add(anyOf(F_SOURCE, f.sources()), Occur.FILTER);
        }
        if (f.narrative() != null) {
            b.add(NumericDocValuesField.newSlowExactQuery(F_NARRATIVE, f.narrative()), Occur.FILTER);
        }
        return b.build();
    }

    private static Query anyOf(String field, Collection<String> values) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String v : values) {
            b.add(new TermQuery(new Term(field, v)), Occur.SHOULD);
        }
        return b.build();
    }

    /**
     * The query text over the language fields present in the index, each analysed its own way; null if it analyses
     * to nothing. Only present fields, because every term becomes one clause per field and Lucene caps a query at
     * {@link IndexSearcher#getMaxClauseCount()} clauses.
     */
    private Query textQuery(IndexSearcher s, String queryText) {
        if (queryText == null || queryText.isBlank()) {
            return null;
        }
        Map<String, Float> fields = new LinkedHashMap<>();
        for (String f : TextAnalysis.fields()) {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                if (leaf.reader().getFieldInfos().fieldInfo(f) != null) {
                    fields.put(f, 1f);
                    break;
                }
            }
        }
        if (fields.isEmpty()) {
            return null; // empty index
        }
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, fields);
        // OR: a stop word dropped by one language's analyser must not make a post in that language unmatchable.
        parser.setDefaultOperator(Occur.SHOULD);
        Query q = parser.parse(queryText);
        if (q instanceof MatchAllDocsQuery) {
            return null;
        }
        if (q instanceof BooleanQuery bq && bq.clauses().isEmpty()) {
            return null;
        }
        return q;
    }

    /** Runs a text query, reporting an over-long query as the caller's error rather than an internal one. */
    private static TopDocs searchText(IndexSearcher s, Query q, int n) throws IOException {
        try {
            return s.search(q, n);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new IllegalArgumentException("query has too many terms", e);
        }
    }

    /**
     * The posts of {@code ranked}, in its order. Stored fields are compressed in blocks of many documents, and one
     * {@link StoredFields} keeps the block it last decoded, so the documents are read in doc-id order through one
     * instance: a page of posts then costs a few block decodes instead of one per post.
     *
     * @param withScores whether hits carry the ranked scores (else 0, as for newest-first lists)
     */
    private List<PostHit> hits(IndexSearcher s, List<ScoreDoc> ranked, Query text, boolean withScores)
            throws IOException {
        StoredFields fields = s.storedFields();
        PostHit[] out = new PostHit[ranked.size()];
        for (int i : inDocOrder(ranked)) {
            ScoreDoc sd = ranked.get(i);
            out[i] = hit(s, fields, sd.doc, withScores ? sd.score : 0f, text);
        }
        return Arrays.asList(out);
    }

    /**
     * The positions of {@code ranked} ordered by doc id: stored fields and doc values are read forwards, so readers
     * visit the docs in this order and put each result back at its rank.
     */
    private static int[] inDocOrder(List<ScoreDoc> ranked) {
        return IntStream.range(0, ranked.size()).boxed().sorted(Comparator.comparingInt(i -> ranked.get(i).doc))
                .mapToInt(Integer::intValue).toArray();
    }

    private PostHit hit(IndexSearcher s, StoredFields fields, int doc, float score, Query text) throws IOException {
        Document d = fields.document(doc, HIT_FIELDS);
        LeafReaderContext leaf = leaf(s, doc);
        int local = doc - leaf.docBase;
        String content = d.get(F_TEXT);
        PostHit.Snippet snippet = null;
        if (text != null) {
            snippet = (PostHit.Snippet) highlighter.highlightWithoutSearcher(
                    TextAnalysis.field(d.get(F_FAMILY)), text, content, 1);
        }
        return new PostHit(d.get(F_ID), score, d.get(F_SOURCE), d.get(F_AUTHOR), d.get(F_LANGUAGE),
                Instant.ofEpochMilli(d.getField(F_TIME).numericValue().longValue()),
                noneToNull(numeric(DocValues.getNumeric(leaf.reader(), F_NARRATIVE), local, NONE)),
                noneToNull(numeric(DocValues.getNumeric(leaf.reader(), F_DUP), local, NONE)),
                content, snippet);
    }

    private PostRecord load(IndexSearcher s, int doc) throws IOException {
        Document d = s.storedFields().document(doc);
        LeafReaderContext leaf = leaf(s, doc);
        int local = doc - leaf.docBase;
        return new PostRecord(d.get(F_SOURCE), d.get("external_id"), d.get(F_SITUATION), d.get(F_AUTHOR),
                d.get(F_LANGUAGE), Instant.ofEpochMilli(d.getField(F_TIME).numericValue().longValue()),
                d.get(F_TEXT), new LeafVectors(leaf.reader()).get(local), d.get(F_HASH),
                noneToNull(numeric(DocValues.getNumeric(leaf.reader(), F_DUP), local, NONE)),
                noneToNull(numeric(DocValues.getNumeric(leaf.reader(), F_NARRATIVE), local, NONE)));
    }

    private static LeafReaderContext leaf(IndexSearcher s, int doc) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(doc, leaves));
    }

    /** Raw vectors of {@code sortedDocs} (global doc ids, ascending), in the same order. */
    static float[][] vectors(IndexSearcher s, int[] sortedDocs) throws IOException {
        float[][] out = new float[sortedDocs.length][];
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafVectors current = null;
        int currentLeaf = -1;
        for (int i = 0; i < sortedDocs.length; i++) {
            int li = ReaderUtil.subIndex(sortedDocs[i], leaves);
            if (li != currentLeaf) {
                currentLeaf = li;
                current = new LeafVectors(leaves.get(li).reader());
            }
            out[i] = current.get(sortedDocs[i] - leaves.get(li).docBase);
        }
        return out;
    }

    private static long numeric(NumericDocValues values, int doc, long missing) throws IOException {
        return values.advanceExact(doc) ? values.longValue() : missing;
    }

    private static String sorted(SortedDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? values.lookupOrd(values.ordValue()).utf8ToString() : "";
    }

    private static String binary(BinaryDocValues values, int doc) throws IOException {
        if (!values.advanceExact(doc)) {
            return "";
        }
        BytesRef b = values.binaryValue();
        return new String(b.bytes, b.offset, b.length, StandardCharsets.UTF_8);
    }

    /** Per-doc callback within one leaf; docs arrive in increasing order. */
    interface DocVisitor {
        void doc(int localDoc) throws IOException;
    }

    /** Per-leaf setup of a {@link DocVisitor} (doc values are per leaf). */
    interface LeafVisitor {
        DocVisitor leaf(LeafReaderContext leaf) throws IOException;
    }

    /** Calls back for every live doc matching {@code query}, leaf by leaf, in doc order, without scoring. */
    static void forEachMatch(IndexSearcher s, Query query, LeafVisitor visitor) throws IOException {
        Weight w = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            ScorerSupplier supplier = w.scorerSupplier(leaf);
            if (supplier == null) {
                continue;
            }
            Scorer scorer = supplier.get(Long.MAX_VALUE);
            DocIdSetIterator it = scorer.iterator(); // confirms two-phase matches itself
            Bits live = leaf.reader().getLiveDocs(); // scorers do not skip deleted docs
            DocVisitor v = visitor.leaf(leaf);
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if (live == null || live.get(d)) {
                    v.doc(d);
                }
            }
        }
    }

    /** Raw float vectors of one leaf, read in increasing doc order; each call returns a fresh copy. */
    static final class LeafVectors {
        private final FloatVectorValues values;
        private KnnVectorValues.DocIndexIterator iterator;

        LeafVectors(LeafReader reader) throws IOException {
            this.values = reader.getFloatVectorValues(F_VECTOR);
            this.iterator = values == null ? null : values.iterator();
        }

        float[] get(int doc) throws IOException {
            if (iterator == null) {
                return null;
            }
            if (iterator.docID() > doc) {
                iterator = values.iterator(); // iterators only move forward
            }
            int at = iterator.docID() == doc ? doc : iterator.advance(doc);
            if (at != doc) {
                return null;
            }
            return values.vectorValue(iterator.index()).clone();
        }
    }
}
