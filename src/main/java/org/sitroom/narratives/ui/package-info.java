/** Overview, Narratives and Search views. */
package org.sitroom.narratives.ui;
