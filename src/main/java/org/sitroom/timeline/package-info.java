/** Milestones and detected bursts on an event's time axis. */
package org.sitroom.timeline;
