/** Incident timeline view. */
package org.sitroom.timeline.ui;
