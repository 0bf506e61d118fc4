package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live lists keep a child per key: reordered or updated, the same element; only new keys add, gone keys remove. */
class KeyedChildrenTest {

    private final Div container = new Div();
    private final KeyedChildren<String, Span> children = new KeyedChildren<>(container, s -> s);
    private final Map<String, Integer> created = new HashMap<>();

    private void show(List<String> keys, String suffix) {
        children.show(keys, key -> {
            created.merge(key, 1, Integer::sum);
            return new Span();
        }, (key, span) -> span.setText(key + suffix));
    }

    private Span child(String text) {
        return (Span) container.getChildren().filter(c -> ((Span) c).getText().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void aReorderedOrUpdatedKeyKeepsItsChildAndOnlyItsOrderChanges() {
        show(List.of("a", "b", "c"), " 1");
        Span a = child("a 1");
        Span c = child("c 1");

        show(List.of("c", "a", "d"), " 2");

        assertThat(child("a 2")).isSameAs(a);
        assertThat(child("c 2")).isSameAs(c);
        assertThat(created).containsEntry("a", 1).containsEntry("c", 1).containsEntry("d", 1);
        // b is gone; the elements did not move in the page, CSS order shows the new ranking.
        assertThat(container.getChildren().map(x -> ((Span) x).getText()).toList()).containsExactly("a 2", "c 2", "d 2");
        assertThat(c.getStyle().get("order")).isEqualTo("0");
        assertThat(a.getStyle().get("order")).isEqualTo("1");
        assertThat(child("d 2").getStyle().get("order")).isEqualTo("2");
    }

    @Test
    void clearRemovesOnlyTheKeyedChildren() {
        Span message = new Span("message");
        container.add(message);
        show(List.of("a", "b"), "");

        children.clear();

        assertThat(container.getChildren().toList()).containsExactly(message);
        show(List.of("a"), "");
        assertThat(created).containsEntry("a", 2); // cleared means made anew
    }
}
