package org.sitroom.engine;

/** What the engine made of one text: a vector or a reason why not. */
public sealed interface EmbeddingResult {

    /** An L2-normalised vector of the model's dimension; the array is the caller's own copy. */
    record Embedded(float[] vector) implements EmbeddingResult {
    }

    /** The text got no vector; {@code detail} says why in words fit for a log or a quarantine list. */
    record Rejected(RejectionReason reason, String detail) implements EmbeddingResult {
    }
}
