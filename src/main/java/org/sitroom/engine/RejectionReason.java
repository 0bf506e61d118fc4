package org.sitroom.engine;

/** Why a text got no vector. */
public enum RejectionReason {
    /** Nothing left to embed after normalisation (empty, blank, only control characters). */
    EMPTY,
    /**
     * Every token is unknown to the model's vocabulary (e.g. emoji-only for an English WordPiece model): the vector
     * would be the same for all such posts and would glue unrelated posts together.
     */
    NO_KNOWN_TOKENS,
    /** The native tokenizer failed on this text. */
    TOKENIZER_FAILED,
    /** The model failed on this text even when run alone. */
    INFERENCE_FAILED,
    /** The model produced a vector that cannot be normalised (zero or not finite). */
    INVALID_OUTPUT
}
