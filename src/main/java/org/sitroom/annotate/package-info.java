/** Analyst actions recorded as append-only, attributed events. */
package org.sitroom.annotate;
