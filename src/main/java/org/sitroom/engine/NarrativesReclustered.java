package org.sitroom.engine;

/** Published when a recluster switched a situation to new narratives. */
public record NarrativesReclustered(Clustering clustering) {
}
