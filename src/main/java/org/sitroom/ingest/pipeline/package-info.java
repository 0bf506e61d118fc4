/** The ingest pipeline: connectors built from source definitions, runs scheduled by Quartz, normalisation, language, the post store, and the ledger that commits batches, quarantine and cursors. */
package org.sitroom.ingest.pipeline;
