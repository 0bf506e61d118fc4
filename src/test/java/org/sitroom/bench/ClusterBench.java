package org.sitroom.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bash .mvn/sitroom bench cluster [-Dbench.heap=3g]}: clustering at scale. Each scenario runs in a fresh JVM
 * with this JVM's flags and heap (see {@link ClusterScenario}), so peak RSS (VmHWM) is per scenario:
 * 10k and 100k planted posts through the store (Lucene HNSW), Tribuo's exact HDBSCAN* beside ours at 10k, 1M planted
 * posts in memory (IVF graph), and the ~88k real CrisisLexT26 + T6 tweets through the store.
 * {@code -Dbench.cluster.scenarios=10000,100000} runs a subset.
 */
public final class ClusterBench implements Benchmark {

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        String scenarios = System.getProperty("bench.cluster.scenarios", "10000,100000,1000000,crisislex");
        for (String s : scenarios.split(",")) {
            out.put(s.trim(), fork(s.trim()));
        }
        out.put("targets", targets(out));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> targets(Map<String, Object> out) {
        List<String> t = new ArrayList<>();
        if (out.get("10000") instanceof Map<?, ?> m && m.containsKey("speedup_vs_tribuo")) {
            Map<String, Object> r = (Map<String, Object>) m;
            double speedup = ((Number) r.get("speedup_vs_tribuo")).doubleValue();
            double ari = ((Number) r.get("ari_vs_planted")).doubleValue();
            double tari = ((Number) r.get("tribuo_ari_vs_planted")).doubleValue();
            t.add(String.format("10k: %.1fx faster than Tribuo (target >= 10x: %s), ARI %.4f vs %.4f (target >=: %s)",
                    speedup, speedup >= 10 ? "met" : "NOT met", ari, tari, ari >= tari ? "met" : "NOT met"));
        }
        if (out.get("1000000") instanceof Map<?, ?> m && m.containsKey("recluster_with_graph_seconds")) {
            Map<String, Object> r = (Map<String, Object>) m;
            double rc = ((Number) r.get("recluster_with_graph_seconds")).doubleValue();
            double inc = ((Number) r.get("incremental_batch_seconds")).doubleValue();
            long rss = ((Number) r.get("peak_rss_mib")).longValue();
            t.add(String.format("1M: recluster with graph %.1f s (target < 30 s: %s); 1,000-post batch %.2f s (target "
                    + "< 2 s: %s); peak RSS %d MiB (target < 4096: %s)", rc, rc < 30 ? "met" : "NOT met", inc,
                    inc < 2 ? "met" : "NOT met", rss, rss < 4096 ? "met" : "NOT met"));
        }
        return t;
    }

    /** Runs one scenario in a child JVM with our flags and classpath; its RESULT line is the figures. */
    private static Object fork(String scenario) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterScenario.class.getName());
        command.add(scenario);
        System.out.println("[cluster] scenario " + scenario + " in a fresh JVM");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else if (!line.contains(" INFO ") && !line.startsWith("WARNING")) {
                    System.out.println("  " + line);
                }
            }
        }
        int code = p.waitFor();
        if (result == null) {
            return "failed (exit " + code + ")";
        }
        Map<String, Object> figures = JsonMapper.builder().build().readValue(result, LinkedHashMap.class);
        System.out.println("[cluster] " + scenario + ": " + figures);
        return figures;
    }
}
