package org.sitroom.ingest.situations;

import static org.sitroom.base.YamlNodes.line;
import static org.sitroom.base.YamlNodes.scalar;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.sitroom.base.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code config/situations.yml} (see {@code config/situations.example.yml}). Anything wrong (bad YAML, an
 * unknown key, a duplicate id, a source whose settings its connector rejects) stops the start with the file and
 * line, because a typo here would otherwise silently ingest nothing.
 */
public final class SituationsFile {

    private static final Set<String> SITUATION_KEYS = Set.of("id", "name", "description", "start", "time-zone",
            "keywords", "hashtags", "languages", "sources");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "kind", "interval", "enabled", "settings");

    private SituationsFile() {
    }

    /**
     * The situations in the file.
     *
     * @param defaultInterval the interval of a source that names none
     * @param checkSource     validates a source's kind and settings; throws IllegalArgumentException with what is wrong
     */
    public static List<SituationDefinition> read(Path file, Duration defaultInterval,
                                                 BiConsumer<String, Map<String, Object>> checkSource) {
        Node root = YamlNodes.compose(file, SituationsFileException::new);
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            throw error(file, line(root), "must start with 'situations:' followed by a list of situations");
        }
        List<SituationDefinition> out = new ArrayList<>();
        Set<String> situationIds = new HashSet<>();
        Set<String> sourceIds = new HashSet<>();
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(entry.getKeyNode());
            if (!"situations".equals(key)) {
                throw error(file, line(entry.getKeyNode()), "unknown key '" + key + "'; only 'situations' is allowed");
            }
            Node list = entry.getValueNode();
            if (list instanceof ScalarNode s && s.getValue().isEmpty()) {
                continue;
            }
            if (!(list instanceof SequenceNode seq)) {
                throw error(file, line(list), "'situations' must be a list (lines starting with '- ')");
            }
            for (Node item : seq.getValue()) {
                SituationDefinition s = situation(file, item, defaultInterval, checkSource, sourceIds);
                if (!situationIds.add(s.id())) {
                    throw error(file, line(item), "situation '" + s.id() + "' is defined twice");
                }
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static SituationDefinition situation(Path file, Node item, Duration defaultInterval,
                                                 BiConsumer<String, Map<String, Object>> checkSource,
                                                 Set<String> sourceIds) {
        if (!(item instanceof MappingNode map)) {
            throw error(file, line(item), "each situation needs at least id and name");
        }
        String id = null;
        String name = null;
        String description = null;
        Instant start = null;
        ZoneId zone = null;
        List<String> keywords = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<Node> sourceNodes = List.of();
        for (NodeTuple t : map.getValue()) {
            String key = knownKey(file, t, SITUATION_KEYS, "a situation");
            Node value = t.getValueNode();
            switch (key) {
                case "id" -> id = id(file, value);
                case "name" -> name = requiredScalar(file, value, "name");
                case "description" -> description = scalar(value);
                case "start" -> {
                    try {
                        start = Instant.parse(requiredScalar(file, value, "start"));
                    } catch (DateTimeParseException e) {
                        throw error(file, line(value), "start '" + scalar(value)
                                + "' is not a UTC time like 2026-03-14T00:00:00Z");
                    }
                }
                case "time-zone" -> {
                    try {
                        zone = ZoneId.of(requiredScalar(file, value, "time-zone"));
                    } catch (DateTimeException e) {
                        throw error(file, line(value), "unknown time zone '" + scalar(value)
                                + "' (write e.g. Europe/Athens or UTC)");
                    }
                }
                case "keywords", "hashtags" -> keywords.addAll(strings(file, value, key));
                case "languages" -> {
                    for (String lang : strings(file, value, key)) {
                        if (!lang.matches("[a-z]{2}")) {
                            throw error(file, line(value), "language '" + lang + "' is not an ISO 639-1 code like en");
                        }
                        languages.add(lang);
                    }
                }
                case "sources" -> {
                    if (value instanceof ScalarNode s && s.getValue().isEmpty()) {
                        sourceNodes = List.of();
                    } else if (value instanceof SequenceNode seq) {
                        sourceNodes = seq.getValue();
                    } else {
                        throw error(file, line(value), "'sources' must be a list (lines starting with '- ')");
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
        if (id == null) {
            throw error(file, line(item), "a situation has no id");
        }
        if (name == null || name.isBlank()) {
            throw error(file, line(item), "situation '" + id + "' has no name");
        }
        List<SourceDefinition> sources = new ArrayList<>();
        for (Node s : sourceNodes) {
            SourceDefinition source = source(file, s, id, defaultInterval, checkSource);
            if (!sourceIds.add(source.id())) {
                throw error(file, line(s), "source '" + source.id() + "' is defined twice (source ids are unique "
                        + "across situations)");
            }
            sources.add(source);
        }
        return new SituationDefinition(id, name.strip(), description == null ? "" : description.strip(), start, zone,
                keywords, languages, sources);
    }

    /** The key of {@code t}, or a file:line error naming the keys {@code what} may have. */
    private static String knownKey(Path file, NodeTuple t, Set<String> allowed, String what) {
        String key = scalar(t.getKeyNode());
        if (key == null || !allowed.contains(key)) {
            throw error(file, line(t.getKeyNode()), "unknown key '" + key + "'; " + what + " has "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return key;
    }

    /** An id as {@link Ids} allows it, or a file:line error saying why not. */
    private static String id(Path file, Node value) {
        String id = scalar(value);
        String problem = Ids.problem(id);
        if (problem != null) {
            throw error(file, line(value), problem);
        }
        return id;
    }

    private static SourceDefinition source(Path file, Node item, String situationId, Duration defaultInterval,
                                           BiConsumer<String, Map<String, Object>> checkSource) {
        if (!(item instanceof MappingNode map)) {
            throw error(file, line(item), "each source needs at least id and kind");
        }
        String id = null;
        String kind = null;
        Duration interval = defaultInterval;
        boolean enabled = true;
        Map<String, Object> settings = new LinkedHashMap<>();
        int settingsLine = line(item);
        for (NodeTuple t : map.getValue()) {
            String key = knownKey(file, t, SOURCE_KEYS, "a source");
            Node value = t.getValueNode();
            switch (key) {
                case "id" -> id = id(file, value);
                case "kind" -> kind = requiredScalar(file, value, "kind");
                case "interval" -> {
                    try {
                        interval = Durations.parse(requiredScalar(file, value, "interval"));
                    } catch (IllegalArgumentException e) {
                        throw error(file, line(value), e.getMessage());
                    }
                    if (interval.toMillis() < 1000) {
                        throw error(file, line(value), "interval must be at least 1s");
                    }
                }
                case "enabled" -> {
                    String v = requiredScalar(file, value, "enabled");
                    if (!v.equals("true") && !v.equals("false")) {
                        throw error(file, line(value), "enabled must be true or false, not '" + v + "'");
                    }
                    enabled = Boolean.parseBoolean(v);
                }
                case "settings" -> {
                    settingsLine = line(value);
                    if (!(value instanceof ScalarNode s && s.getValue().isEmpty())) {
                        if (!(value instanceof MappingNode)) {
                            throw error(file, line(value), "'settings' must be a mapping of names to values");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> plain = (Map<String, Object>) plain(value);
                        settings.putAll(plain);
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
        if (id == null) {
            throw error(file, line(item), "a source has no id");
        }
        if (kind == null) {
            throw error(file, line(item), "source '" + id + "' has no kind");
        }
        try {
            checkSource.accept(kind, settings);
        } catch (IllegalArgumentException e) {
            throw error(file, settingsLine, "source '" + id + "': " + e.getMessage());
        }
        return new SourceDefinition(id, situationId, kind, settings, interval, enabled);
    }

    /** A YAML node as plain Java values: strings (scalars stay text), lists and maps. */
    private static Object plain(Node node) {
        return switch (node) {
            case ScalarNode s -> s.getValue();
            case SequenceNode seq -> seq.getValue().stream().map(SituationsFile::plain).toList();
            case MappingNode m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    out.put(String.valueOf(scalar(t.getKeyNode())), plain(t.getValueNode()));
                }
                yield out;
            }
            default -> null;
        };
    }

    private static List<String> strings(Path file, Node value, String key) {
        if (value instanceof ScalarNode s) {
            return s.getValue().isBlank() ? List.of()
                    : java.util.Arrays.stream(s.getValue().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }
        if (!(value instanceof SequenceNode seq)) {
            throw error(file, line(value), "'" + key + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String v = scalar(n);
            if (v == null) {
                throw error(file, line(n), "'" + key + "' must list plain words");
            }
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static String requiredScalar(Path file, Node node, String key) {
        String v = scalar(node);
        if (v == null || v.isBlank()) {
            throw error(file, line(node), "'" + key + "' needs a value");
        }
        return v.strip();
    }

    private static SituationsFileException error(Path file, int line, String what) {
        return new SituationsFileException(YamlNodes.at(file, line, what));
    }
}
