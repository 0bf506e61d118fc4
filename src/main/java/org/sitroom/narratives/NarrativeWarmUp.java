package org.sitroom.narratives;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds every situation's narratives as the web app starts, so that the first page finds them ready. Only the web
 * app: a command-line run (an import) has nobody reading narratives, and building them would only slow it down.
 */
@Component
@ConditionalOnWebApplication
class NarrativeWarmUp {

    private final NarrativeModel model;

    NarrativeWarmUp(NarrativeModel model) {
        this.model = model;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        model.warmUp();
    }
}
