package org.sitroom.narratives;

/** Ends a subscription to changes; views close it when detached. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
