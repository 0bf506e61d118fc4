/** Connectors: the sources (file drop, replay, feeds and social-media APIs) that yield batches of posts under a cursor the caller persists. */
package org.sitroom.ingest.connect;
