package org.sitroom.ingest.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sitroom.ingest.connect.BlueskyConnector;
import org.sitroom.ingest.connect.Connector;
import org.sitroom.ingest.connect.Credential;
import org.sitroom.ingest.connect.FeedConnector;
import org.sitroom.ingest.connect.FileDropConnector;
import org.sitroom.ingest.connect.GdeltConnector;
import org.sitroom.ingest.connect.HttpSettings;
import org.sitroom.ingest.connect.MastodonConnector;
import org.sitroom.ingest.connect.RedditConnector;
import org.sitroom.ingest.connect.ReplayConnector;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.Format;
import org.sitroom.ingest.situations.SourceDefinition;

/**
 * Builds a connector from a source's kind and settings. {@link #check} validates settings without touching the
 * network or the disk, so config/situations.yml is checked as a whole at start.
 *
 * <p>Kinds and their settings (credentials only ever by the name of an environment variable, {@code token-env}):
 * <ul>
 * <li>{@code replay}: dataset, speed (1), head-start (0s), mapping (demo-jsonl), milestones</li>
 * <li>{@code file-drop}: folder, mappings (format to mapping; jsonl: demo-jsonl), min-age (5s)</li>
 * <li>{@code feed}: url, token-env</li>
 * <li>{@code mastodon}: base-url, hashtag or timeline (public | local), token-env</li>
 * <li>{@code reddit}: query, subreddit, base-url (https://www.reddit.com), backfill (1h), token-env</li>
 * <li>{@code bluesky}: query, base-url (https://public.api.bsky.app), backfill (1h), token-env</li>
 * <li>{@code gdelt}: query, base-url (https://api.gdeltproject.org), backfill (1h), max-window (1h)</li>
 * <li>{@code import}: format, mapping: the files given to {@code sitroom import} (never scheduled)</li>
 * </ul>
 */
public final class ConnectorFactory {

    public static final String IMPORT = "import";
    public static final String REPLAY = "replay";

    private static final Map<String, Set<String>> KNOWN = Map.of(
            REPLAY, Set.of("dataset", "speed", "head-start", "mapping", "milestones"),
            "file-drop", Set.of("folder", "mappings", "min-age"),
            "feed", Set.of("url", "token-env"),
            "mastodon", Set.of("base-url", "hashtag", "timeline", "token-env"),
            "reddit", Set.of("query", "subreddit", "base-url", "backfill", "token-env"),
            "bluesky", Set.of("query", "base-url", "backfill", "token-env"),
            "gdelt", Set.of("query", "base-url", "backfill", "max-window"),
            IMPORT, Set.of("format", "mapping"));

    private final DatasetLocator datasets;
    private final Clock clock;

    ConnectorFactory(Path dataFolder, Clock clock) {
        this.datasets = new DatasetLocator(dataFolder);
        this.clock = clock;
    }

    /** The kinds a source may have. */
    public static Set<String> kinds() {
        return KNOWN.keySet();
    }

    /** Checks a kind and its settings; throws IllegalArgumentException saying what is wrong. */
    public static void check(String kind, Map<String, Object> settings) {
        SourceSettings s = settings(kind, settings);
        switch (kind) {
            case REPLAY -> {
                s.required("dataset");
                if (!(s.number("speed", 1) > 0)) {
                    throw new IllegalArgumentException("speed must be a positive number");
                }
                if (s.duration("head-start", Duration.ZERO).isNegative()) {
                    throw new IllegalArgumentException("head-start must not be negative");
                }
                mapping(settings.get("mapping"), ColumnMapping.DEMO_JSONL);
            }
            case "file-drop" -> {
                s.required("folder");
                s.duration("min-age", Duration.ofSeconds(5));
                mappings(s.map("mappings"));
            }
            case "feed" -> URI.create(s.required("url"));
            case "mastodon" -> {
                URI.create(s.required("base-url"));
                String timeline = s.string("timeline", null);
                if ((s.string("hashtag", null) == null) == (timeline == null)) {
                    throw new IllegalArgumentException("kind mastodon needs either 'hashtag' or 'timeline'");
                }
                if (timeline != null && !timeline.equals("public") && !timeline.equals("local")) {
                    throw new IllegalArgumentException("timeline must be public or local, not '" + timeline + "'");
                }
            }
            case "reddit", "bluesky" -> {
                s.required("query");
                s.duration("backfill", Duration.ofHours(1));
            }
            case "gdelt" -> {
                s.required("query");
                s.duration("backfill", Duration.ofHours(1));
                s.duration("max-window", Duration.ofHours(1));
            }
            case IMPORT -> mapping(settings.get("mapping"), null);
            default -> throw new IllegalStateException(kind);
        }
    }

    /** A connector for a scheduled source. */
    public Connector create(SourceDefinition source) throws IOException {
        check(source.kind(), source.settings());
        SourceSettings s = settings(source.kind(), source.settings());
        String id = source.id();
        return switch (source.kind()) {
            case REPLAY -> new ReplayConnector(id, datasets.resolve(s.required("dataset")),
                    mapping(source.settings().get("mapping"), ColumnMapping.DEMO_JSONL), s.number("speed", 1),
                    s.duration("head-start", Duration.ZERO), clock);
            case "file-drop" -> new FileDropConnector(id, Path.of(s.required("folder")), mappings(s.map("mappings")),
                    clock, s.duration("min-age", Duration.ofSeconds(5)));
            case "feed" -> new FeedConnector(id, http(s.required("url"), s));
            case "mastodon" -> s.string("hashtag", null) != null
                    ? MastodonConnector.hashtag(id, http(s.required("base-url"), s), s.string("hashtag", null))
                    : MastodonConnector.publicTimeline(id, http(s.required("base-url"), s),
                            "local".equals(s.string("timeline", null)));
            case "reddit" -> new RedditConnector(id, http(s.string("base-url", "https://www.reddit.com"), s),
                    s.required("query"), s.string("subreddit", null), s.duration("backfill", Duration.ofHours(1)));
            case "bluesky" -> new BlueskyConnector(id, http(s.string("base-url", "https://public.api.bsky.app"), s),
                    s.required("query"), s.duration("backfill", Duration.ofHours(1)));
            case "gdelt" -> new GdeltConnector(id, http(s.string("base-url", "https://api.gdeltproject.org"), s),
                    s.required("query"), s.duration("backfill", Duration.ofHours(1)),
                    s.duration("max-window", Duration.ofHours(1)));
            default -> throw new IllegalArgumentException("source " + id + " of kind " + source.kind()
                    + " is not scheduled");
        };
    }

    /** The file a replay or demo setting names, resolved as the connector would. */
    Path dataset(String name) {
        return datasets.resolve(name);
    }

    /** The mapping a source reads records of this format with now (for re-running its quarantine). */
    public static Optional<ColumnMapping> mapping(SourceDefinition source, Format format) {
        Map<String, Object> settings = source.settings();
        return switch (source.kind()) {
            case REPLAY -> Optional.of(mapping(settings.get("mapping"), ColumnMapping.DEMO_JSONL));
            case "file-drop" -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) settings.get("mappings");
                yield Optional.ofNullable(mappings(m).get(format));
            }
            case IMPORT -> Optional.ofNullable(mapping(settings.get("mapping"), null));
            default -> Optional.empty(); // API sources have no mapping: their records are JSON of the service's shape
        };
    }

    private static SourceSettings settings(String kind, Map<String, Object> settings) {
        Set<String> known = KNOWN.get(kind);
        if (known == null) {
            throw new IllegalArgumentException("unknown kind '" + kind + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())) + ")");
        }
        return new SourceSettings(kind, settings, known);
    }

    /** A mapping written as a built-in's name, or as a map of {@link ColumnMapping#fromMap} keys. */
    @SuppressWarnings("unchecked")
    static ColumnMapping mapping(Object value, ColumnMapping fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map<?, ?> m) {
            return ColumnMapping.fromMap((Map<String, Object>) m);
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("a mapping is a built-in's name or a mapping of fields");
        }
        return ColumnMapping.builtIn(value.toString());
    }

    private static Map<Format, ColumnMapping> mappings(Map<String, Object> value) {
        Map<Format, ColumnMapping> out = new EnumMap<>(Format.class);
        if (value == null) {
            out.put(Format.JSONL, ColumnMapping.DEMO_JSONL);
            return out;
        }
        value.forEach((format, mapping) -> {
            Format f = Format.named(format);
            out.put(f, mapping(mapping, null).withFormat(f));
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'mappings' lists no format");
        }
        return out;
    }

    private HttpSettings http(String url, SourceSettings s) {
        HttpSettings settings = HttpSettings.of(URI.create(url)).withTime(org.sitroom.ingest.connect.Sleeper.REAL, clock);
        String env = s.string("token-env", null);
        if (env != null) {
            Credential credential = Credential.bearerFromEnv(env);
            if (credential == null) {
                // A missing token shows as the source's error on its first run rather than stopping the start.
                throw new IllegalArgumentException("environment variable " + env + " (token-env) is not set");
            }
            settings = settings.withCredential(credential);
        }
        return settings;
    }
}
