package org.sitroom.engine;

/** The configured embedding model cannot be used; thrown at start, the message says what is missing or wrong. */
public class EmbeddingModelException extends RuntimeException {

    public EmbeddingModelException(String message) {
        super(message);
    }

    public EmbeddingModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
