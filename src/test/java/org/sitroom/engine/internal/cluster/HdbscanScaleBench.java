package org.sitroom.engine.internal.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Benchmark helper (not a unit test): HDBSCAN* on a generated k-NN graph of n points, with a time per phase.
 * Run after {@code test-compile}:
 * {@code bash .mvn/sitroom java -Xmx4g -cp target/classes:target/test-classes
 * org.sitroom.engine.internal.cluster.HdbscanScaleBench 1000000 15}
 */
public final class HdbscanScaleBench {

    private HdbscanScaleBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int clusters = Math.max(2, n / 1000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] truth = new int[n];
        long t0 = System.nanoTime();
        KnnGraph g = Synthetic.plantedGraph(n, k, clusters, 4, truth);
        long t1 = System.nanoTime();
        System.out.printf("graph generated: n=%d k=%d clusters=%d in %.2f s%n", n, k, clusters, (t1 - t0) / 1e9);
        for (int round = 0; round < 2; round++) {
            System.gc();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long a = System.nanoTime();
            float[] core = Hdbscan.coreDistances(g, null, 8);
            long b = System.nanoTime();
            Hdbscan.spanningTree(g, core, null, 2.0);
            long c = System.nanoTime();
            Hdbscan.Result r = new Hdbscan().cluster(g);
            long d = System.nanoTime();
            long cpu1 = threads.getCurrentThreadCpuTime();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("round %d: core %.2f s, edges+sort+kruskal %.2f s, full cluster() %.2f s "
                            + "(main-thread cpu for all three %.2f s); %d clusters, ARI %.4f, noise %.3f; "
                            + "heap used %d MB of max %d MB%n", round, (b - a) / 1e9, (c - b) / 1e9, (d - c) / 1e9,
                    (cpu1 - cpu0) / 1e9, r.clusterCount(), ClusterMetrics.ari(truth, r.labels()),
                    r.noiseShare(null), (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        }
    }
}
