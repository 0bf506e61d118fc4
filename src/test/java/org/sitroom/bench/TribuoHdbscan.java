package org.sitroom.bench;

import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.hdbscan.HdbscanModel;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.DistanceType;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The exact-HDBSCAN* baseline: Tribuo's implementation (all pairwise distances, O(n^2)) on the same vectors,
 * Euclidean distance (on unit vectors a monotone function of cosine, so the same neighbours and hierarchy order).
 */
final class TribuoHdbscan {

    private TribuoHdbscan() {
    }

    /** Labels per vector, -1 = noise (Tribuo's noise label 0 mapped). */
    static int[] cluster(float[][] vectors, int minClusterSize, int minPts) {
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("sitroom-bench", factory),
                factory);
        int dim = vectors[0].length;
        String[] names = new String[dim];
        for (int d = 0; d < dim; d++) {
            names[d] = String.format("f%04d", d);
        }
        for (float[] v : vectors) {
            double[] values = new double[dim];
            for (int d = 0; d < dim; d++) {
                values[d] = v[d];
            }
            data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, values));
        }
        HdbscanTrainer trainer = new HdbscanTrainer(minClusterSize, DistanceType.L2.getDistance(), minPts,
                Runtime.getRuntime().availableProcessors(), NeighboursQueryFactoryType.BRUTE_FORCE);
        HdbscanModel model = trainer.train(data);
        List<Integer> labels = model.getClusterLabels();
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.get(i) == 0 ? -1 : labels.get(i);
        }
        return out;
    }
}
