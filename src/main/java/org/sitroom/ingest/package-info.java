/** Situations, sources, scheduled connectors, cursors and quarantine; hands validated posts to the engine. */
package org.sitroom.ingest;
