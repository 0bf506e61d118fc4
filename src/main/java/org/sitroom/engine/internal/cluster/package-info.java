/** Clustering core and its quality metrics: k-NN-graph HDBSCAN*, near-duplicate grouping, k-means, metrics; pure Java. */
package org.sitroom.engine.internal.cluster;
