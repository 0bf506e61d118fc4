/** Situations and their sources: config/situations.yml (or the built-in demo), kept in the database with ADMIN's edits. */
package org.sitroom.ingest.situations;
