package org.sitroom.engine.internal.embed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Least-recently-used vectors keyed by (model SHA-256, normalised text), so retweets and copy-paste run through the
 * model once.
 *
 * <p>The key is a SHA-256 of model hash and text cut to 128 bits rather than a fast 64-bit hash: posts come from the
 * public, and a hash someone can collide on purpose would let one post take another's vector. 128 bits also keep the
 * key small whatever the text length.
 */
final class VectorCache {

    /** 128 bits of SHA-256(model sha || text). */
    record Key(long high, long low) {
    }

    private final MessageDigest prototype;
    private final int capacity;
    private final Map<Key, float[]> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    VectorCache(String modelSha256, int capacity) {
        this.capacity = capacity;
        try {
            prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
        prototype.update(HexFormat.of().parseHex(modelSha256));
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > VectorCache.this.capacity;
            }
        };
    }

    Key key(String normalisedText) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) prototype.clone(); // already holds the model hash; cheaper than getInstance
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(normalisedText.getBytes(StandardCharsets.UTF_8)));
        return new Key(hash.getLong(), hash.getLong());
    }

    /** The cached vector (shared: copy before handing it out), or {@code null}; counts the hit or miss. */
    float[] get(Key key) {
        float[] vector;
        synchronized (entries) {
            vector = entries.get(key);
        }
        (vector != null ? hits : misses).increment();
        return vector;
    }

    /** Stores {@code vector}, which nobody else may change afterwards. */
    void put(Key key, float[] vector) {
        synchronized (entries) {
            entries.put(key, vector);
        }
    }

    /** A lookup answered some other way (a repeat within one call). */
    void recordHit() {
        hits.increment();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
