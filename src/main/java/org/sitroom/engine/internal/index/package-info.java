/** The Lucene post store: one index for all situations with BM25 text, HNSW vectors, duplicate and narrative ids. */
package org.sitroom.engine.internal.index;
