package org.sitroom.narratives;

/** A situation as lists and the API show it. */
public record SituationRef(String id, String name) {
}
