/** Briefing snapshots: a frozen view with its provenance, exported as reports. */
package org.sitroom.briefing;
