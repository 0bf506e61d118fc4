package org.sitroom.ingest.connect;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Cursors as compact JSON objects with a {@code kind}, so a cursor of the wrong connector is recognised. */
final class CursorJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private CursorJson() {
    }

    /** A new cursor object of this kind. */
    static ObjectNode create(String kind) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind);
        return node;
    }

    /** The cursor's object, or null for {@link Cursor#START}; a cursor of another kind or not JSON is an error. */
    static ObjectNode read(Cursor cursor, String kind) throws FetchException {
        if (cursor.isStart()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(cursor.value());
        } catch (JacksonException e) {
            throw new FetchException("the stored cursor is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object) || !kind.equals(object.path("kind").asString(""))) {
            throw new FetchException("the stored cursor is not a '" + kind + "' cursor: " + abbreviate(cursor.value()));
        }
        return object;
    }

    static Cursor write(ObjectNode node) {
        return new Cursor(JSON.writeValueAsString(node));
    }

    /** A text field, or null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String value) {
        return value.length() > 120 ? value.substring(0, 117) + "..." : value;
    }
}
