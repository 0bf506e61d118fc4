package org.sitroom.engine.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sitroom.engine.internal.cluster.NearDuplicates;

/**
 * The duplicate groups a batch of posts falls into: one rule for ingest ({@link EngineStore}) and evaluation, so an
 * evaluation groups posts exactly as the store would.
 *
 * <p>Exact duplicates share a normalised-text hash (the comparison form drops "RT @x:", mentions, URLs and
 * punctuation, so retweets and copy-paste variants match); near-duplicates within a batch are joined by MinHash at a
 * high Jaccard bar ({@value #NEAR_JACCARD}: copies with a changed hashtag or an "RT @x:" join, paraphrases from one
 * template do not). No approximate vector search decides a group, so the same posts always give the same groups.
 */
public final class DuplicateGroups {

    /** Jaccard similarity of character shingles from which two posts of one batch are one group. */
    static final double NEAR_JACCARD = 0.9;

    /** The groups of already stored posts of the situation, by content hash (hashes no stored post has left out). */
    @FunctionalInterface
    interface StoredGroups {
        Map<String, Long> find(String situation, Collection<String> contentHashes) throws IOException;
    }

    /**
     * @param groups     group id per post
     * @param hashes     content hash per post
     * @param duplicates posts that joined a group some earlier post (of the batch or the store) had opened
     */
    record Assigned(long[] groups, String[] hashes, int duplicates) {
    }

    private DuplicateGroups() {
    }

    /** Groups of a batch posted to a situation that holds nothing yet (what an evaluation clusters). */
    public static long[] ofNewSituation(String situation, List<String> texts) {
        try {
            return assign(java.util.Collections.nCopies(texts.size(), situation), texts, (s, h) -> Map.of()).groups();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: nothing is looked up
        }
    }

    static Assigned assign(List<String> situations, List<String> texts, StoredGroups stored) throws IOException {
        int n = texts.size();
        long[] groups = new long[n];
        String[] hashes = new String[n];
        int duplicates = 0;
        NearDuplicates.Result inBatch = NearDuplicates.group(texts,
                NearDuplicates.Options.defaults().withThreshold(NEAR_JACCARD));
        Map<String, Set<String>> hashesBySituation = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            hashes[i] = EngineStore.contentHash(texts.get(i));
            hashesBySituation.computeIfAbsent(situations.get(i), s -> new HashSet<>()).add(hashes[i]);
        }
        Map<String, Map<String, Long>> storedBySituation = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : hashesBySituation.entrySet()) {
            storedBySituation.put(e.getKey(), stored.find(e.getKey(), e.getValue())); // one lookup per situation
        }
        Map<Integer, Long> batchGroupId = new HashMap<>();
        Map<String, Long> byHash = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String situation = situations.get(i);
            String key = situation + "\u0000" + hashes[i];
            Long group = byHash.get(key);
            if (group == null) {
                group = batchGroupId.get(inBatch.group()[i]);
            }
            if (group == null) {
                group = storedBySituation.get(situation).get(hashes[i]);
            }
            if (group == null) {
                // Named after the text, not after whichever copy came first: arrival order cannot change groups.
                group = EngineStore.stableGroupId(key);
            } else {
                duplicates++;
            }
            groups[i] = group;
            byHash.putIfAbsent(key, group);
            batchGroupId.putIfAbsent(inBatch.group()[i], group);
        }
        return new Assigned(groups, hashes, duplicates);
    }
}
