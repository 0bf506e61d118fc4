package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One tab per value, found by id, and a choice that reaches the listener with the value already selected. */
class ChoiceTabsTest {

    enum Span { HOUR, DAY, WEEK }

    @Test
    void aTabPerValueTheInitialOneSelectedAndPickingAnotherReportsIt() {
        ChoiceTabs<Span> tabs = new ChoiceTabs<>(Span.class, Span.DAY, s -> s.name().toLowerCase(), "span-");
        List<Span> heard = new ArrayList<>();
        List<Span> selectedWhenHeard = new ArrayList<>();
        tabs.onChange(s -> {
            heard.add(s);
            selectedWhenHeard.add(tabs.selected());
        });
        Tabs content = (Tabs) tabs.getChildren().findFirst().orElseThrow();

        assertThat(content.getChildren().map(c -> c.getId().orElseThrow()))
                .containsExactly("span-HOUR", "span-DAY", "span-WEEK");
        assertThat(content.getChildren().map(c -> ((Tab) c).getLabel())).containsExactly("hour", "day", "week");
        assertThat(tabs.selected()).isEqualTo(Span.DAY);
        assertThat(content.getSelectedIndex()).isEqualTo(1);

        content.setSelectedIndex(2);

        assertThat(tabs.selected()).isEqualTo(Span.WEEK);
        assertThat(heard).containsExactly(Span.WEEK);
        assertThat(selectedWhenHeard).containsExactly(Span.WEEK);
    }
}
