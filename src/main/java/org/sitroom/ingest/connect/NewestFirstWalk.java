package org.sitroom.ingest.connect;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polling a listing that pages from newest to oldest (Reddit's {@code after}, Bluesky's {@code cursor}): each poll
 * walks pages back until it meets posts already seen, then remembers the newest post of that walk as the
 * watermark. Mid-walk, the page token is in the cursor, so a restart resumes the walk. Posts at exactly the
 * watermark time are told apart by id, so none repeats and none is skipped.
 *
 * <p>Cursor fields: {@code watermark} (ISO instant), {@code seen} (ids at the watermark), and while walking
 * {@code token}, {@code top} and {@code topIds} (the newest time of this walk and its ids).
 */
final class NewestFirstWalk {

    private static final int MAX_IDS = 500;

    /** One listing item: its id and the time the listing is sorted by. */
    record Item(String id, Instant sortTime) {
    }

    Instant watermark;
    Set<String> seen = new LinkedHashSet<>();
    String token;
    Instant top;
    Set<String> topIds = new LinkedHashSet<>();

    /** The walk stored in a cursor, or a first walk back to {@code initialWatermark}. */
    static NewestFirstWalk read(ObjectNode state, Instant initialWatermark) {
        NewestFirstWalk walk = new NewestFirstWalk();
        if (state == null) {
            walk.watermark = initialWatermark;
            return walk;
        }
        walk.watermark = Instant.parse(state.path("watermark").asString(initialWatermark.toString()));
        walk.seen = ids(state.get("seen"));
        walk.token = CursorJson.text(state, "token");
        String top = CursorJson.text(state, "top");
        walk.top = top == null ? null : Instant.parse(top);
        walk.topIds = ids(state.get("topIds"));
        return walk;
    }

    void writeTo(ObjectNode state) {
        state.put("watermark", watermark.toString());
        ArrayNode seenArray = state.putArray("seen");
        seen.forEach(seenArray::add);
        if (token != null) {
            state.put("token", token);
            state.put("top", top == null ? null : top.toString());
            ArrayNode topArray = state.putArray("topIds");
            topIds.forEach(topArray::add);
        }
    }

    /** Whether an item lies above the watermark (or at it, unseen). */
    boolean isNew(Item item) {
        int c = item.sortTime().compareTo(watermark);
        return c > 0 || (c == 0 && !seen.contains(item.id()));
    }

    /**
     * Takes in one page (newest first) and its token for the next, older page.
     *
     * @param ceiling items dated after this (broken clocks) never become the watermark, which would hide every
     *                later post behind them
     * @return whether the walk goes on (a further fetch right away has more)
     */
    boolean page(List<Item> items, String nextToken, Instant ceiling) {
        items = items.stream().filter(i -> !i.sortTime().isAfter(ceiling)).toList();
        if (token == null) {
            for (Item item : items) {
                if (top == null || item.sortTime().isAfter(top)) {
                    top = item.sortTime();
                    topIds = new LinkedHashSet<>();
                }
                if (item.sortTime().equals(top)) {
                    add(topIds, item.id());
                }
            }
        }
        boolean reachedSeen = items.isEmpty() || nextToken == null || items.stream().anyMatch(i -> !isNew(i));
        if (!reachedSeen) {
            token = nextToken;
            return true;
        }
        if (top != null) {
            int c = top.compareTo(watermark);
            if (c > 0) {
                watermark = top;
                seen = topIds;
            } else if (c == 0) {
                topIds.forEach(id -> add(seen, id));
            }
        }
        token = null;
        top = null;
        topIds = new LinkedHashSet<>();
        return false;
    }

    private static void add(Set<String> ids, String id) {
        if (ids.size() < MAX_IDS) {
            ids.add(id);
        }
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (JsonNode id : array) {
                ids.add(id.asString());
            }
        }
        return ids;
    }
}
