/** Briefings view: snapshots and exports. */
package org.sitroom.briefing.ui;
