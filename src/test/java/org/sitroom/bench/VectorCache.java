package org.sitroom.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitroom.engine.EmbeddingBatch;
import org.sitroom.engine.EmbeddingSettings;
import org.sitroom.engine.internal.embed.OnnxEmbedder;

/**
 * Embeds texts with the default model and keeps every vector in {@code target/bench/vectors-MODEL-batchN.bin} (append-only,
 * keyed by a hash of the text), so benchmark reruns, and benchmarks sharing texts, skip minutes of embedding. A
 * rejected text is stored as such.
 */
final class VectorCache {

    /** The vectors (null = rejected), the time embedding the missing ones cost, and how many were cached. */
    record Embedded(float[][] vectors, double seconds, int cached, String modelSha256) {
    }

    private VectorCache() {
    }

    static Embedded embed(String name, List<String> texts) throws IOException {
        EmbeddingSettings settings = EmbeddingSettings.defaults().withCacheSize(0);
        try (OnnxEmbedder embedder = OnnxEmbedder.open(settings)) {
            String sha = embedder.model().sha256();
            // Named by the batch size too: int8 vectors embedded in batches of several texts differ slightly from
            // those embedded one by one (the default), and a cache must hold what the app would compute.
            Path file = Path.of("target", "bench",
                    "vectors-" + sha.substring(0, 12) + "-batch" + settings.batchSize() + ".bin");
            Map<String, Integer> wanted = new HashMap<>();
            String[] keys = new String[texts.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(texts.get(i));
                wanted.put(keys[i], i);
            }
            Map<String, float[]> found = read(file, wanted.keySet());
            float[][] vectors = new float[texts.size()][];
            Map<String, String> missing = new LinkedHashMap<>();
            int cached = 0;
            for (int i = 0; i < keys.length; i++) {
                if (found.containsKey(keys[i])) {
                    vectors[i] = found.get(keys[i]);
                    cached++;
                } else {
                    missing.putIfAbsent(keys[i], texts.get(i));
                }
            }
            long t = System.nanoTime();
            if (!missing.isEmpty()) {
                System.out.printf("[vectors] %s: embedding %d texts (%d cached)%n", name, missing.size(), cached);
                List<String> mk = new ArrayList<>(missing.keySet());
                List<String> mt = new ArrayList<>(missing.values());
                Files.createDirectories(file.getParent());
                try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16))) {
                    int batch = 2048;
                    Map<String, float[]> made = new HashMap<>();
                    for (int from = 0; from < mt.size(); from += batch) {
                        EmbeddingBatch b = embedder.embed(mt.subList(from, Math.min(mt.size(), from + batch)));
                        for (int j = 0; j < b.size(); j++) {
                            float[] v = b.vector(j);
                            made.put(mk.get(from + j), v);
                            out.writeUTF(mk.get(from + j));
                            out.writeInt(v == null ? -1 : v.length);
                            if (v != null) {
                                for (float x : v) {
                                    out.writeFloat(x);
                                }
                            }
                        }
                        out.flush();
                    }
                    for (int i = 0; i < keys.length; i++) {
                        if (vectors[i] == null && made.containsKey(keys[i])) {
                            vectors[i] = made.get(keys[i]);
                        }
                    }
                }
            }
            return new Embedded(vectors, (System.nanoTime() - t) / 1e9, cached, sha);
        }
    }

    private static String key(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached vectors of the wanted keys; a truncated last record (an interrupted run) is ignored. */
    private static Map<String, float[]> read(Path file, java.util.Set<String> wanted) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String k = in.readUTF();
                int len = in.readInt();
                float[] v = len < 0 ? null : new float[len];
                for (int d = 0; d < Math.max(0, len); d++) {
                    v[d] = in.readFloat();
                }
                if (wanted.contains(k)) {
                    out.put(k, v);
                }
            }
        } catch (EOFException end) {
            return out;
        }
    }
}
