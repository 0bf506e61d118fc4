package org.sitroom.engine;

import java.time.Instant;

/** Published when a batch of posts is durable in the store. */
public record PostsIndexed(String situation, int added, int assigned, Instant earliest, Instant latest) {
}
