/** Record formats (JSONL, CSV, TSV) read into {@link org.sitroom.ingest.format.IncomingPost}s, with malformed records quarantined instead of thrown. */
package org.sitroom.ingest.format;
