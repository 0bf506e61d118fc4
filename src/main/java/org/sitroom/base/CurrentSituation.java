package org.sitroom.base;

import java.util.Optional;

/**
 * The situation (event under watch) the dashboard shows. The module that owns situations provides it; the header
 * only reads it, so the base module depends on nobody.
 */
public interface CurrentSituation {

    /** The situation's display name, if any situation exists yet. */
    Optional<String> name();
}
