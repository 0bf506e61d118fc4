/** Evaluation against labelled data: duplicate groups and clustering as in production, scores and KNNGR. */
package org.sitroom.engine.internal.eval;
