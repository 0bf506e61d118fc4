/** Annotate view: labels and triplet judgements (ANALYST). */
package org.sitroom.annotate.ui;
