package org.sitroom.engine;

/**
 * Provenance of a vector: which model made it. Vectors of different {@code sha256} must never be compared.
 *
 * @param name human-readable model name, e.g. {@code all-MiniLM-L6-v2-int8}
 * @param dimension length of every vector
 * @param sha256 hex SHA-256 of the ONNX model file
 * @param pooling how token vectors became one vector: {@code mean} (attention-masked) or {@code cls}
 * @param maxTokens texts are truncated to this many tokens, special tokens included
 */
public record ModelIdentity(String name, int dimension, String sha256, String pooling, int maxTokens) {
}
