/** Sources view: source health, schedules and quarantine (ADMIN). */
package org.sitroom.ingest.ui;
