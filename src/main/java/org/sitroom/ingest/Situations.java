package org.sitroom.ingest;

import java.util.List;
import java.util.Optional;

/** The situations Sitroom watches (defined in config/situations.yml, editable by ADMIN). */
public interface Situations {

    List<Situation> all();

    Optional<Situation> find(String id);

    /** The situation shown when nobody chose one: the most recently started. */
    Optional<Situation> defaultSituation();
}
