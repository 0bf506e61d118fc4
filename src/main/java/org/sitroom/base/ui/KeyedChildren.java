package org.sitroom.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasComponents;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A container's children kept by key across live updates. Pages redraw every second while posts flow in; replacing a
 * child that still shows the same thing would swap it out from under a user's pointer and lose the click. So a key
 * that stays keeps its component (updated in place), a new key gets a new one, a gone key's is removed, and the order
 * is set with CSS {@code order} (the container is a flex or grid box), so no element moves in the page either.
 *
 * @param <K> what a child shows, for instance a narrative id
 * @param <E> a child and the parts of it that updates change
 */
public final class KeyedChildren<K, E> {

    private final HasComponents container;
    private final Function<E, ? extends Component> root;
    private final Map<K, E> shown = new LinkedHashMap<>();

    /** @param root the child component of an entry, the one added to the container */
    public KeyedChildren(HasComponents container, Function<E, ? extends Component> root) {
        this.container = container;
        this.root = root;
    }

    /**
     * Shows one child per key, in the keys' order.
     *
     * @param create makes the entry for a key not shown yet
     * @param update brings an entry up to date (also right after it was created)
     */
    public void show(List<K> keys, Function<K, E> create, BiConsumer<K, E> update) {
        Set<K> wanted = new HashSet<>(keys);
        for (Iterator<Map.Entry<K, E>> it = shown.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, E> e = it.next();
            if (!wanted.contains(e.getKey())) {
                container.remove(root.apply(e.getValue()));
                it.remove();
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            K key = keys.get(i);
            E entry = shown.get(key);
            if (entry == null) {
                entry = create.apply(key);
                shown.put(key, entry);
                container.add(root.apply(entry));
            }
            update.accept(key, entry);
            root.apply(entry).getElement().getStyle().set("order", String.valueOf(i));
        }
    }

    /** Removes every keyed child (for an empty state in their place). */
    public void clear() {
        shown.values().forEach(e -> container.remove(root.apply(e)));
        shown.clear();
    }
}
