/** Sitroom: a situation room that groups the posts of an unfolding event into narratives. */
package org.sitroom;
