package org.sitroom.engine.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sitroom.engine.internal.index.TestPosts.near;
import static org.sitroom.engine.internal.index.TestPosts.post;
import static org.sitroom.engine.internal.index.TestPosts.randomUnit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostIndexTest {

    private static final String SIT = "s1";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String[] FILLER = {
        "Traffic is heavy on the main road this morning",
        "People are gathering near the station waiting for news",
        "The weather is cloudy and the streets are wet",
        "Officials will hold a press conference later today",
        "Volunteers are handing out water and blankets"};

    @TempDir
    Path dir;

    private PostIndex index;
    private final Random rnd = new Random(42);

    @BeforeEach
    void open() throws Exception {
        index = new PostIndex(dir);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<PostRecord> filler(String situation, int n) {
        List<PostRecord> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            posts.add(post(situation, situation + "-f" + i, "en", T0.plusSeconds(60L * i), FILLER[i % FILLER.length],
                    randomUnit(rnd)));
        }
        return posts;
    }

    @Test
    void countsComeFromTheIndexAlone() throws Exception {
        index.add(filler(SIT, 25)); // one a minute from T0
        index.add(filler("other", 3));

        assertThat(index.count(SIT, PostFilter.NONE)).isEqualTo(25);
        PostFilter firstTen = new PostFilter(T0, T0.plusSeconds(60L * 10), Set.of(), Set.of(), null);
        // A count agrees with the listing it heads.
        assertThat(index.count(SIT, firstTen)).isEqualTo(index.search(SIT, "", firstTen, 100).size()).isPositive();
        assertThat(index.count(SIT, new PostFilter(null, null, Set.of("fr"), Set.of(), null))).isZero();
    }

    @Test
    void pagesOfAListingJoinUpToTheWholeListing() throws Exception {
        index.add(filler(SIT, 25));

        List<PostHit> whole = index.search(SIT, "", PostFilter.NONE, 100);
        List<PostHit> pages = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            pages.addAll(index.search(SIT, "", PostFilter.NONE, offset, 10));
        }

        assertThat(whole).hasSize(25);
        assertThat(ids(pages)).containsExactlyElementsOf(ids(whole));
        assertThat(whole.getFirst().time()).isAfter(whole.getLast().time()); // newest first
        assertThat(index.search(SIT, "", PostFilter.NONE, 25, 10)).isEmpty();
        // A ranked (BM25) listing pages the same way, scores kept.
        List<PostHit> ranked = index.search(SIT, FILLER[0].split(" ")[0], PostFilter.NONE, 100);
        List<PostHit> secondPage = index.search(SIT, FILLER[0].split(" ")[0], PostFilter.NONE, 2, 2);
        assertThat(ids(secondPage)).containsExactlyElementsOf(ids(ranked.subList(2, 4)));
        assertThat(secondPage.getFirst().score()).isEqualTo(ranked.get(2).score()).isPositive();
    }

    @Test
    void bm25FindsPostByRareWordWithPlainTextSnippet() throws Exception {
        index.add(filler(SIT, 60));
        String text = "Eyewitnesses report a zeppelin hovering over the harbour. Nobody knows who owns it.";
        index.add(List.of(post(SIT, "rare", "en", T0, text, randomUnit(rnd))));

        List<PostHit> hits = index.search(SIT, "zeppelin", PostFilter.NONE, 10);

        assertThat(hits).hasSize(1);
        PostHit hit = hits.getFirst();
        assertThat(hit.id()).isEqualTo("x:rare");
        assertThat(hit.text()).isEqualTo(text);
        PostHit.Snippet snip = hit.snippet();
        assertThat(text.substring(snip.offset())).startsWith(snip.text());
        assertThat(snip.matches()).hasSize(1);
        PostHit.Snippet.Match m = snip.matches().getFirst();
        assertThat(snip.text().substring(m.start(), m.end())).isEqualTo("zeppelin");
        assertThat(snip.text()).doesNotContain("<b>", "<em>");
    }

    @Test
    void textIsAnalysedInThePostsLanguage() throws Exception {
        index.add(filler(SIT, 10));
        index.add(List.of(
                post(SIT, "en", "en", T0, "The bridges collapsed after the flood", randomUnit(rnd)),
                post(SIT, "es", "es", T0, "Los puentes se derrumbaron tras la inundación", randomUnit(rnd)),
                post(SIT, "de", "de-AT", T0, "Die Brücken sind nach der Überschwemmung eingestürzt", randomUnit(rnd)),
                post(SIT, "ja", "ja", T0, "洪水の後、橋が崩壊した", randomUnit(rnd))));

        assertThat(ids(index.search(SIT, "collapse", PostFilter.NONE, 10))).containsExactly("x:en");
        assertThat(ids(index.search(SIT, "puente", PostFilter.NONE, 10))).containsExactly("x:es");
        assertThat(ids(index.search(SIT, "Brücke", PostFilter.NONE, 10))).containsExactly("x:de");
        assertThat(ids(index.search(SIT, "橋", PostFilter.NONE, 10))).containsExactly("x:ja");
        // A stop word of one language does not hide posts: "the" is removed for English but the rest still matches.
        assertThat(ids(index.search(SIT, "the flood", PostFilter.NONE, 10))).contains("x:en");
    }

    @Test
    void knnFindsTheParaphrasesNeighbour() throws Exception {
        index.add(filler(SIT, 300));
        float[] original = randomUnit(rnd);
        float[] paraphrase = near(original, 0.038, rnd);
        index.add(List.of(post(SIT, "para", "en", T0, "the paraphrase", paraphrase)));

        List<PostHit> hits = index.knn(SIT, original, 3, PostFilter.NONE);

        assertThat(hits).hasSize(3);
        assertThat(hits.getFirst().id()).isEqualTo("x:para");
        assertThat(hits.getFirst().score()).isCloseTo(TestPosts.dot(original, paraphrase), within(1e-5f));
        assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
        assertThat(hits.getFirst().snippet()).isNull();
    }

    @Test
    void postsAreReadByIdWithinTheirSituation() throws Exception {
        index.add(List.of(
                new PostRecord("tw", "1", SIT, "a", "en", T0, "one", randomUnit(rnd), null, null, 7L),
                new PostRecord("tw", "2", SIT, "b", "en", T0, "two", randomUnit(rnd), null, null, null),
                new PostRecord("tw", "3", "other", "c", "en", T0, "three", randomUnit(rnd), null, null, null)));
        assertThat(ids(index.byIds(SIT, List.of("tw:1", "tw:2", "tw:3", "tw:404"))))
                .containsExactlyInAnyOrder("tw:1", "tw:2");
        assertThat(index.byIds(SIT, List.of("tw:1")).getFirst().narrativeId()).isEqualTo(7L);
        assertThat(index.byIds(SIT, List.of())).isEmpty();
    }

    @Test
    void aVoteSeesTheNeighboursNarrativesBestFirstAndOnlyItsSituation() throws Exception {
        float[] v = randomUnit(rnd);
        index.add(List.of(
                new PostRecord("tw", "1", SIT, "a", "en", T0, "closest", near(v, 0.01, rnd), null, null, 7L),
                new PostRecord("tw", "2", SIT, "b", "en", T0, "further", near(v, 0.05, rnd), null, null, null),
                new PostRecord("tw", "3", SIT, "c", "en", T0, "furthest", near(v, 0.2, rnd), null, null, 9L)));
        // One situation only: the search runs without a filter, and a window still filters.
        assertThat(index.knnNarratives(SIT, v, 10)).extracting(PostIndex.Neighbour::narrativeId)
                .containsExactly(7L, null, 9L);
        assertThat(index.knnNarratives(SIT, v, 10)).extracting(PostIndex.Neighbour::score)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids(index.knn(SIT, v, 10, PostFilter.NONE.withTime(T0.plusSeconds(1), null)))).isEmpty();

        index.add(List.of(new PostRecord("tw", "4", "other", "d", "en", T0, "elsewhere", v.clone(), null, null, 5L)));
        assertThat(index.knnNarratives(SIT, v, 10)).extracting(PostIndex.Neighbour::narrativeId)
                .containsExactly(7L, null, 9L);
        assertThat(index.knnNarratives("other", v, 10)).extracting(PostIndex.Neighbour::narrativeId)
                .containsExactly(5L);
    }

    @Test
    void aSituationHasAssignedPostsOnceOneOfItsPostsHoldsANarrative() throws Exception {
        index.addNew(filler(SIT, 5));
        index.addNew(List.of(new PostRecord("tw", "o1", "other", "d", "en", T0, "elsewhere", randomUnit(rnd), null,
                null, 5L)));
        assertThat(index.anyAssigned(SIT)).isFalse(); // the other situation's narrative does not count
        assertThat(index.anyAssigned("other")).isTrue();
        assertThat(index.count(SIT)).isEqualTo(5);

        index.setNarratives(Map.of("x:" + SIT + "-f2", 0L)); // 0 is a narrative id like any other
        assertThat(index.anyAssigned(SIT)).isTrue();
        Map<String, Long> cleared = new HashMap<>();
        cleared.put("x:" + SIT + "-f2", null);
        index.setNarratives(cleared);
        assertThat(index.anyAssigned(SIT)).isFalse();
    }

    @Test
    void filtersRestrictSearchAndKnn() throws Exception {
        float[] v = randomUnit(rnd);
        index.add(List.of(
                new PostRecord("tw", "1", SIT, "a", "en", T0, "storm warning issued", near(v, 0.01, rnd), null, null, 7L),
                new PostRecord("tg", "2", SIT, "b", "fr", T0.plusSeconds(3600), "storm alerte tempête", near(v, 0.01, rnd),
                        null, null, 8L),
                new PostRecord("tw", "3", SIT, "c", "en", T0.plusSeconds(7200), "storm damage reported",
                        near(v, 0.01, rnd), null, null, null),
                new PostRecord("tw", "4", "other", "d", "en", T0, "storm in another situation", near(v, 0.01, rnd),
                        null, null, 7L)));

        assertThat(ids(index.search(SIT, "storm", PostFilter.NONE, 10))).containsExactlyInAnyOrder("tw:1", "tg:2", "tw:3");
        assertThat(ids(index.search(SIT, "storm", PostFilter.NONE.withLanguages("FR"), 10))).containsExactly("tg:2");
        assertThat(ids(index.search(SIT, "storm", PostFilter.NONE.withSources("tw"), 10)))
                .containsExactlyInAnyOrder("tw:1", "tw:3");
        assertThat(ids(index.search(SIT, "storm", PostFilter.NONE.withNarrative(7L), 10))).containsExactly("tw:1");
        PostFilter window = PostFilter.NONE.withTime(T0.plusSeconds(3600), T0.plusSeconds(7200));
        assertThat(ids(index.search(SIT, "storm", window, 10))).containsExactly("tg:2"); // to is exclusive

        assertThat(ids(index.knn(SIT, v, 10, PostFilter.NONE))).containsExactlyInAnyOrder("tw:1", "tg:2", "tw:3");
        assertThat(ids(index.knn(SIT, v, 10, window))).containsExactly("tg:2");
        assertThat(ids(index.knn(SIT, v, 10, PostFilter.NONE.withNarrative(7L)))).containsExactly("tw:1");
        assertThat(ids(index.knn("other", v, 10, PostFilter.NONE))).containsExactly("tw:4");

        // A blank query lists the situation's posts newest first.
        assertThat(ids(index.search(SIT, " ", PostFilter.NONE, 10))).containsExactly("tw:3", "tg:2", "tw:1");
    }

    @Test
    void narrativesAndDuplicateGroupsAreUpdatedInPlace() throws Exception {
        index.add(filler(SIT, 20));
        Map<String, Long> narratives = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            narratives.put("x:" + SIT + "-f" + i, i < 5 ? Long.valueOf(100) : i < 12 ? Long.valueOf(200) : null);
        }
        narratives.put("x:no-such-post", 300L);
        index.setNarratives(narratives);
        index.setDuplicateGroups(Map.of("x:" + SIT + "-f0", 9L, "x:" + SIT + "-f5", 9L));

        assertThat(index.get("x:" + SIT + "-f3").orElseThrow().narrativeId()).isEqualTo(100L);
        assertThat(index.get("x:" + SIT + "-f15").orElseThrow().narrativeId()).isNull();
        assertThat(index.get("x:" + SIT + "-f5").orElseThrow().dupGroup()).isEqualTo(9L);
        assertThat(index.get("x:" + SIT + "-f6").orElseThrow().dupGroup()).isNull();
        assertThat(index.search(SIT, "", PostFilter.NONE.withNarrative(200L), 100)).hasSize(7);

        Map<String, Long> seen = new HashMap<>();
        List<PostVector> all = new ArrayList<>();
        index.forEachPost(SIT, p -> {
            all.add(p);
            seen.put(p.id(), p.narrativeId());
        });
        assertThat(all).hasSize(20);
        assertThat(seen.get("x:" + SIT + "-f4")).isEqualTo(100L);
        assertThat(seen.get("x:" + SIT + "-f19")).isNull();
        PostVector first = all.stream().filter(p -> p.id().equals("x:" + SIT + "-f0")).findFirst().orElseThrow();
        PostRecord stored = index.get("x:" + SIT + "-f0").orElseThrow();
        assertThat(first.vector()).containsExactly(stored.vector());
        assertThat(first.time()).isEqualTo(T0);
        assertThat(first.author()).isEqualTo(stored.author());
        assertThat(first.language()).isEqualTo("en");
        assertThat(first.dupGroup()).isEqualTo(9L);

        // Re-clustering again overwrites; the values survive a commit and reopen.
        index.setNarratives(Map.of("x:" + SIT + "-f3", 500L));
        index.commit(Map.of());
        index.close();
        index = new PostIndex(dir);
        assertThat(index.get("x:" + SIT + "-f3").orElseThrow().narrativeId()).isEqualTo(500L);
        assertThat(index.get("x:" + SIT + "-f4").orElseThrow().narrativeId()).isEqualTo(100L);
    }

    @Test
    void lookupsByIdAndContentHash() throws Exception {
        index.add(filler(SIT, 5));
        String same = Integer.toHexString("Same words".hashCode());
        index.add(List.of(
                new PostRecord("x", "dupA", SIT, "a", "en", T0, "Same words", randomUnit(rnd), same, 11L, 7L),
                new PostRecord("x", "dupB", SIT, "b", "en", T0, "Same words", randomUnit(rnd), same, 12L, null),
                new PostRecord("x", "dupC", "other", "c", "en", T0, "Same words", randomUnit(rnd), same, 13L, 8L)));

        assertThat(index.count(SIT)).isEqualTo(7);
        assertThat(index.count("other")).isEqualTo(1);
        assertThat(index.count("nothing")).isZero();
        assertThat(index.exists(List.of("x:dupA", "x:dupC", "x:nope"))).isEqualTo(Set.of("x:dupA", "x:dupC"));
        assertThat(index.get("x:nope")).isEmpty();
        // The first post with the hash, in index order, and only the situation's own.
        String filler0 = Integer.toHexString(FILLER[0].hashCode());
        assertThat(index.groupsByContentHash(SIT, List.of(same, filler0, "no-such-hash"))).containsOnly(
                Map.entry(same, new PostIndex.StoredGroup(11L, 7L)),
                Map.entry(filler0, new PostIndex.StoredGroup(null, null)));
        assertThat(index.groupsByContentHash("other", List.of(same, filler0)))
                .containsOnly(Map.entry(same, new PostIndex.StoredGroup(13L, 8L)));
        assertThat(index.groupsByContentHash(SIT, List.of())).isEmpty();
    }

    @Test
    void markupIsStoredAndReturnedByteIdentical() throws Exception {
        String text = "<script>alert('x')</script> &amp; <b>bold</b> \"quoted\" é ü 🚀\r\n\ttabbed  double  spaces ";
        PostRecord p = post(SIT, "xss", "en", T0, text, randomUnit(rnd));
        index.add(List.of(p));

        PostRecord back = index.get("x:xss").orElseThrow();
        assertThat(back.text()).isEqualTo(text);
        assertThat(back.vector()).containsExactly(p.vector());
        assertThat(back.time()).isEqualTo(T0);
        assertThat(back.contentHash()).isEqualTo(p.contentHash());

        PostHit hit = index.search(SIT, "alert", PostFilter.NONE, 1).getFirst();
        assertThat(hit.text()).isEqualTo(text);
        assertThat(text).contains(hit.snippet().text());
        PostHit.Snippet.Match m = hit.snippet().matches().getFirst();
        assertThat(hit.snippet().text().substring(m.start(), m.end())).isEqualTo("alert");
    }

    @Test
    void hybridRanksAPostFoundByBothListsFirst() throws Exception {
        index.add(filler(SIT, 100));
        float[] q = randomUnit(rnd);
        index.add(List.of(
                post(SIT, "both", "en", T0, "Evacuation ordered for the valley", near(q, 0.01, rnd)),
                post(SIT, "textOnly", "en", T0, "Evacuation drill was a success", randomUnit(rnd)),
                post(SIT, "vectorOnly", "en", T0, "Everyone must leave the valley now", near(q, 0.05, rnd))));

        List<HybridHit> labelled = index.searchHybrid(SIT, "evacuation", q, PostFilter.NONE, 5);
        List<PostHit> hits = labelled.stream().map(HybridHit::post).toList();

        assertThat(hits.getFirst().id()).isEqualTo("x:both");
        assertThat(ids(hits).subList(0, 3)).containsExactlyInAnyOrder("x:both", "x:textOnly", "x:vectorOnly");
        // RRF score of rank 1 in both lists (BM25 ties with textOnly break by doc order, "both" was added first).
        assertThat(hits.getFirst().score()).isCloseTo(2f / (PostIndex.RRF_K + 1), within(1e-6f));
        assertThat(hits.getFirst().snippet().matches()).isNotEmpty();
        // Which list found each: the one both lists found, the text-only one by words alone, the other by meaning.
        assertThat(labelled.getFirst().byWords()).isTrue();
        assertThat(labelled.getFirst().byMeaning()).isTrue();
        HybridHit textOnly = labelled.stream().filter(h -> h.post().id().equals("x:textOnly")).findFirst().orElseThrow();
        assertThat(textOnly.byWords()).isTrue();
        HybridHit vectorOnly = labelled.stream().filter(h -> h.post().id().equals("x:vectorOnly")).findFirst().orElseThrow();
        assertThat(vectorOnly.byWords()).isFalse();
        assertThat(vectorOnly.byMeaning()).isTrue();
    }

    @Test
    void hourlyCountsAcrossADayBoundary() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-06-01 22:00..02:00 local (CEST, UTC+2) = 20:00Z..00:00Z
        index.add(List.of(
                at("a", "2026-06-01T20:00:00Z"), at("b", "2026-06-01T20:59:59.999Z"), at("c", "2026-06-01T21:30:00Z"),
                at("d", "2026-06-01T22:00:00Z"), at("e", "2026-06-01T23:59:00Z"), at("f", "2026-06-02T00:00:00Z"),
                at("g", "2026-06-01T19:59:59Z")));
        index.setNarratives(Map.of("x:d", 1L, "x:e", 1L));

        List<HourBucket> b = index.hourlyCounts(SIT, null, berlin, Instant.parse("2026-06-01T20:00:00Z"),
                Instant.parse("2026-06-02T00:00:00Z"));

        assertThat(b).extracting(HourBucket::start).containsExactly(Instant.parse("2026-06-01T20:00:00Z"),
                Instant.parse("2026-06-01T21:00:00Z"), Instant.parse("2026-06-01T22:00:00Z"),
                Instant.parse("2026-06-01T23:00:00Z"));
        assertThat(b).extracting(HourBucket::count).containsExactly(2L, 1L, 1L, 1L);
        assertThat(index.hourlyCounts(SIT, 1L, berlin, Instant.parse("2026-06-01T20:00:00Z"),
                Instant.parse("2026-06-02T00:00:00Z"))).extracting(HourBucket::count).containsExactly(0L, 0L, 1L, 1L);
        // A zone with a half-hour offset: buckets start at local hour starts, i.e. at :30 UTC.
        List<HourBucket> india = index.hourlyCounts(SIT, null, ZoneId.of("Asia/Kolkata"),
                Instant.parse("2026-06-01T20:30:00Z"), Instant.parse("2026-06-01T22:30:00Z"));
        assertThat(india).extracting(HourBucket::start).containsExactly(Instant.parse("2026-06-01T20:30:00Z"),
                Instant.parse("2026-06-01T21:30:00Z"));
        assertThat(india).extracting(HourBucket::count).containsExactly(1L, 2L); // b | c, d
    }

    @Test
    void hourlyCountsAcrossSpringForwardHave23ElapsedHours() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST. Local midnight = 23:00Z the day before.
        index.add(List.of(at("a", "2026-03-29T00:30:00Z"), at("b", "2026-03-29T01:30:00Z"),
                at("c", "2026-03-29T01:59:00Z"), at("d", "2026-03-28T23:00:00Z")));

        List<HourBucket> b = index.hourlyCounts(SIT, null, berlin, Instant.parse("2026-03-28T23:00:00Z"),
                Instant.parse("2026-03-29T22:00:00Z"));

        assertThat(b).hasSize(23);
        assertThat(b.get(0)).isEqualTo(new HourBucket(Instant.parse("2026-03-28T23:00:00Z"), 1)); // 00:00 CET
        assertThat(b.get(1)).isEqualTo(new HourBucket(Instant.parse("2026-03-29T00:00:00Z"), 1)); // 01:00 CET
        assertThat(b.get(2)).isEqualTo(new HourBucket(Instant.parse("2026-03-29T01:00:00Z"), 2)); // 03:00 CEST
        assertThat(b.stream().mapToLong(HourBucket::count).sum()).isEqualTo(4);
        for (int i = 1; i < b.size(); i++) {
            assertThat(b.get(i).start()).isEqualTo(b.get(i - 1).start().plusSeconds(3600));
        }
    }

    @Test
    void hourlyCountsAcrossFallBackHave25ElapsedHours() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; local 02:xx happens twice (00:xxZ and 01:xxZ).
        index.add(List.of(at("a", "2026-10-25T00:30:00Z"), at("b", "2026-10-25T01:30:00Z"),
                at("c", "2026-10-25T01:45:00Z"), at("d", "2026-10-25T22:59:59Z")));

        List<HourBucket> b = index.hourlyCounts(SIT, null, berlin, Instant.parse("2026-10-24T22:00:00Z"),
                Instant.parse("2026-10-25T23:00:00Z"));

        assertThat(b).hasSize(25);
        assertThat(b.get(2)).isEqualTo(new HourBucket(Instant.parse("2026-10-25T00:00:00Z"), 1)); // 02:00 CEST
        assertThat(b.get(3)).isEqualTo(new HourBucket(Instant.parse("2026-10-25T01:00:00Z"), 2)); // 02:00 CET
        assertThat(b.get(24)).isEqualTo(new HourBucket(Instant.parse("2026-10-25T22:00:00Z"), 1)); // 23:00 CET
        assertThat(b.stream().mapToLong(HourBucket::count).sum()).isEqualTo(4);
    }

    @Test
    void int7QuantisedIndexReturnsTheTrueNearestNeighbour() throws Exception {
        Path qdir = dir.resolve("int7");
        List<float[]> stored = new ArrayList<>();
        try (PostIndex q = new PostIndex(qdir, PostIndex.VectorFormat.INT7)) {
            List<PostRecord> posts = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                float[] v = randomUnit(rnd);
                stored.add(v);
                posts.add(post(SIT, "q" + i, "en", T0, "post " + i, v));
            }
            q.add(posts);
            for (int i = 0; i < 200; i += 7) {
                float[] query = near(stored.get(i), 0.03, rnd);
                List<PostHit> hits = q.knn(SIT, query, 1, PostFilter.NONE);
                assertThat(hits.getFirst().id()).isEqualTo("x:q" + i);
                assertThat(hits.getFirst().score()).isCloseTo(TestPosts.dot(query, stored.get(i)), within(1e-5f));
            }
            q.commit(Map.of());
        }
        // The vector field really is quantised, and the index reopens with the default codec.
        try (var d = FSDirectory.open(qdir); var reader = DirectoryReader.open(d)) {
            FieldInfo fi = FieldInfos.getMergedFieldInfos(reader).fieldInfo(PostIndex.F_VECTOR);
            assertThat(fi.getAttribute("PerFieldKnnVectorsFormat.format"))
                    .isEqualTo(Lucene104HnswScalarQuantizedVectorsFormat.NAME);
        }
        try (PostIndex reopened = new PostIndex(qdir)) {
            assertThat(reopened.knn(SIT, stored.get(3), 1, PostFilter.NONE).getFirst().id()).isEqualTo("x:q3");
        }
    }

    @Test
    void edgeCasesOfQueries() throws Exception {
        assertThat(index.search(SIT, "anything", PostFilter.NONE, 10)).isEmpty(); // empty index
        assertThat(index.knn(SIT, randomUnit(rnd), 10, PostFilter.NONE)).isEmpty();
        index.add(filler(SIT, 30));
        // A pasted wall of text: 400 distinct terms stay under Lucene's clause limit (only present fields expand).
        StringBuilder wall = new StringBuilder("volunteers");
        for (int i = 0; i < 400; i++) {
            wall.append(" word").append(i);
        }
        assertThat(index.search(SIT, wall.toString(), PostFilter.NONE, 5)).hasSize(5);
        assertThat(index.search(SIT, "!!! ???", PostFilter.NONE, 5)).isEmpty();
        assertThat(index.search(SIT, "\"unclosed phrase", PostFilter.NONE, 5)).isNotNull(); // no syntax errors
        assertThat(index.knn(SIT, randomUnit(rnd), Integer.MAX_VALUE, PostFilter.NONE)).hasSize(30);
        assertThat(index.searchHybrid(SIT, "", null, PostFilter.NONE, 5)).isEmpty();
    }

    @Test
    void rejectsVectorsThatAreNotUnitLength() throws Exception {
        float[] v = randomUnit(rnd);
        v[0] += 0.5f;
        assertThatThrownBy(() -> index.add(List.of(post(SIT, "bad", "en", T0, "x", v))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.count(SIT)).isZero();
    }

    private PostRecord at(String id, String time) {
        return post(SIT, id, "en", Instant.parse(time), "post " + id, randomUnit(rnd));
    }

    private static List<String> ids(List<PostHit> hits) {
        return hits.stream().map(PostHit::id).toList();
    }

    private static org.assertj.core.data.Offset<Float> within(float f) {
        return org.assertj.core.data.Offset.offset(f);
    }
}
