package org.sitroom.ingest.connect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.Quarantined;
import org.sitroom.ingest.format.RecordReaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays a recorded dataset as if it were happening now. The replay starts {@code headStart} into the recording:
 * the posts recorded before that moment arrive at once, back-dated so that the moment itself is the replay's start
 * and their hours keep their recorded shape (a dashboard opened on a replay sees the event's history, not one
 * compressed spike). Later posts follow at {@code speed} times their recorded pace (1: real time; 360: one
 * recorded hour every 10 s, which compresses their hours accordingly). Each fetch returns the posts whose shifted
 * time has come, so no post's time ever lies in the future.
 *
 * <p>The dataset is a JSONL file in the demo format ({@link ColumnMapping#DEMO_JSONL}: {@code id, author, lang,
 * time, text, source}; other fields are ignored), read once and ordered by time. A post's {@code time} is its
 * shifted time; its original time is kept in {@code metadata.originalTime}.
 *
 * <p>Cursor: {@code {"kind":"replay","start":"2026-03-14T12:00:00Z","index":42}}: the replay's start and the index
 * of the next post in time order. Records the file could not supply are returned, once, with the first batch.
 */
public final class ReplayConnector implements Connector {

    private static final String KIND = "replay";

    private final String sourceId;
    private final List<IncomingPost> posts;
    private final List<Quarantined> quarantined;
    private final double speed;
    private final Duration headStart;
    private final Clock clock;

    /**
     * @param sourceId the source the posts are attributed to
     * @param dataset  the JSONL file to replay
     * @param speed    how many times faster than recorded (1 = real time)
     * @param clock    "now"
     */
    public ReplayConnector(String sourceId, Path dataset, double speed, Clock clock) throws IOException {
        this(sourceId, dataset, ColumnMapping.DEMO_JSONL, speed, Duration.ZERO, clock);
    }

    /**
     * As above, for a dataset in another format (e.g. MediaEval's {@code posts.txt} with its built-in mapping), and
     * starting {@code headStart} into the recording (zero: at its first post).
     */
    public ReplayConnector(String sourceId, Path dataset, ColumnMapping mapping, double speed, Duration headStart,
                           Clock clock) throws IOException {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, not " + speed);
        }
        if (headStart.isNegative()) {
            throw new IllegalArgumentException("head start must not be negative, not " + headStart);
        }
        this.sourceId = sourceId;
        this.speed = speed;
        this.headStart = headStart;
        this.clock = clock;
        var report = RecordReaders.readAll(dataset, new RecordReaders.Settings(sourceId, mapping, clock));
        List<IncomingPost> sorted = new ArrayList<>(report.posts());
        sorted.sort(Comparator.comparing(IncomingPost::time)); // stable: ties keep the file's order
        this.posts = List.copyOf(sorted);
        this.quarantined = report.quarantined();
    }

    @Override
    public String sourceId() {
        return sourceId;
    }

    /** How many posts the replay holds. */
    public int size() {
        return posts.size();
    }

    @Override
    public Batch fetch(Cursor cursor, int maxPosts) throws FetchException {
        if (maxPosts < 1) {
            throw new IllegalArgumentException("maxPosts must be positive");
        }
        ObjectNode state = CursorJson.read(cursor, KIND);
        Instant now = clock.instant();
        Instant start;
        int index;
        if (state == null) {
            start = now;
            index = 0;
        } else {
            try {
                start = Instant.parse(CursorJson.text(state, "start"));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new FetchException("the stored replay cursor has no valid start: " + cursor.value());
            }
            index = state.path("index").asInt(0);
            if (index < 0 || index > posts.size()) {
                throw new FetchException("the stored replay cursor's index " + index + " is outside the dataset of "
                        + posts.size() + " posts");
            }
        }
        List<IncomingPost> due = new ArrayList<>();
        while (index < posts.size() && due.size() < maxPosts) {
            Instant shifted = shifted(start, posts.get(index).time());
            if (shifted.isAfter(now)) {
                break;
            }
            due.add(withTime(posts.get(index), shifted));
            index++;
        }
        ObjectNode next = CursorJson.create(KIND);
        next.put("start", start.toString());
        next.put("index", index);
        boolean more = index < posts.size() && !shifted(start, posts.get(index).time()).isAfter(now);
        return new Batch(due, state == null ? quarantined : List.of(), CursorJson.write(next), more);
    }

    /** When a post recorded at {@code original} happens in a replay started at {@code start}. */
    Instant shifted(Instant start, Instant original) {
        return shift(start, recordedStart().orElseThrow(), speed, original);
    }

    /** The recorded moment the replay starts at: the first post's time plus the head start; empty without posts. */
    public Optional<Instant> recordedStart() {
        return posts.isEmpty() ? Optional.empty() : Optional.of(posts.getFirst().time().plus(headStart));
    }

    /** How many times faster than recorded the replay runs after its start. */
    public double speed() {
        return speed;
    }

    /**
     * The replay's one time rule, shared with the milestones of a demo: what was recorded at or before
     * {@code recordedAtStart} keeps its distance to it, before {@code start}; what was recorded later follows
     * {@code start} at {@code speed} times its recorded pace (rounded down, so nothing is handed out early).
     */
    public static Instant shift(Instant start, Instant recordedAtStart, double speed, Instant recorded) {
        Duration since = Duration.between(recordedAtStart, recorded);
        if (!since.isPositive()) {
            return start.plus(since);
        }
        return start.plusNanos((long) Math.floor(since.toNanos() / speed));
    }

    private static IncomingPost withTime(IncomingPost post, Instant time) {
        Map<String, String> metadata = new LinkedHashMap<>(post.metadata());
        if (metadata.size() < IncomingPost.MAX_METADATA_ENTRIES) {
            metadata.put("originalTime", post.time().toString());
        }
        return new IncomingPost(post.sourceId(), post.externalId(), post.author(), post.language(), time, post.text(),
                post.url(), metadata);
    }
}
