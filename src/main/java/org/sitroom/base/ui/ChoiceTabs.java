package org.sitroom.base.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tabs that choose one value of an enum, such as the time range of a chart: one tab per value, in declaration order,
 * each with the id {@code idPrefix + value.name()} so tests and links can find it.
 *
 * @param <E> what is chosen
 */
public final class ChoiceTabs<E extends Enum<E>> extends Composite<Tabs> {

    private final E[] values;

    public ChoiceTabs(Class<E> type, E initial, Function<E, String> label, String idPrefix) {
        this.values = type.getEnumConstants();
        Tabs tabs = getContent();
        for (E value : values) {
            Tab tab = new Tab(label.apply(value));
            tab.setId(idPrefix + value.name());
            tabs.add(tab);
        }
        tabs.setSelectedIndex(initial.ordinal());
    }

    /** The value of the selected tab. */
    public E selected() {
        return values[getContent().getSelectedIndex()];
    }

    /** Calls {@code listener} with the new value whenever the user picks another tab. */
    public void onChange(Consumer<E> listener) {
        getContent().addSelectedChangeListener(e -> listener.accept(selected()));
    }
}
