/** Embedding engine internals: ONNX Runtime sessions, DJL tokenizer, length-bucketed batching, vector cache. */
package org.sitroom.engine.internal.embed;
