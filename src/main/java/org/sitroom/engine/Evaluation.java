package org.sitroom.engine;

import java.util.List;

/**
 * Scores the engine against labelled data an analyst brings: the posts are embedded, grouped into duplicate groups
 * and clustered exactly as a recluster of a new situation would, then the narratives are compared with the labels
 * (ARI, NMI, homogeneity, completeness) and the embedding's neighbourhoods with KNNGR (PAPYER paper).
 */
public interface Evaluation {

    /**
     * @param dataset a name for the report
     * @param posts   the labelled posts; ids unique, at least 2
     * @throws IllegalArgumentException for unusable input (too few posts, repeated ids); the message says which
     */
    EvaluationReport evaluate(String dataset, List<LabelledText> posts, EvaluationOptions options);
}
