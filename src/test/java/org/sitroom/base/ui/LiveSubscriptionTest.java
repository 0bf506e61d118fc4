package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Subscribed only while attached, renewed when the view follows something else, ended on detach. */
class LiveSubscriptionTest {

    @Test
    void subscribedWhileAttachedRenewedOnDemandAndEndedOnDetach() {
        UI ui = new UI();
        Div view = new Div();
        AtomicReference<String> following = new AtomicReference<>("situation-a");
        List<String> subscribedTo = new ArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        LiveSubscription live = new LiveSubscription(view, () -> { }, trigger -> {
            if (following.get() == null) {
                return null;
            }
            subscribedTo.add(following.get());
            return ended::incrementAndGet;
        });
        assertThat(subscribedTo).as("nothing before the view is attached").isEmpty();

        ui.add(view);
        assertThat(subscribedTo).containsExactly("situation-a");

        following.set("situation-b");
        live.renew();
        assertThat(subscribedTo).containsExactly("situation-a", "situation-b");
        assertThat(ended).hasValue(1);

        ui.remove(view);
        assertThat(ended).hasValue(2);
        live.renew();
        assertThat(subscribedTo).as("no subscription while detached").hasSize(2);

        following.set(null);
        ui.add(view);
        assertThat(subscribedTo).as("a view that follows nothing subscribes to nothing").hasSize(2);
        ui.remove(view);
        assertThat(ended).hasValue(2);
    }
}
