/** The narrative model people read: narratives, themes, hourly growth, lineage. */
package org.sitroom.narratives;
