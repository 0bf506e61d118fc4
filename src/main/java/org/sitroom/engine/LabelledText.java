package org.sitroom.engine;

import java.util.Objects;

/**
 * One post of a labelled data set brought for {@link Evaluation}.
 *
 * @param id    unique within the data set (it also fixes the order posts are clustered in, as ids do in production)
 * @param text  the post's text, as ingest would store it
 * @param label the true group (narrative, claim, event), or {@code null} when unknown: such a post is clustered like
 *              the others but not scored
 */
public record LabelledText(String id, String text, String label) {

    public LabelledText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (label != null && label.isBlank()) {
            label = null;
        }
    }
}
