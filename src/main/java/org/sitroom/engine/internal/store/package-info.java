/** The engine's glue: the post store and narrative clustering built from the index, embedder and cluster packages. */
package org.sitroom.engine.internal.store;
