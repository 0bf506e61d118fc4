package org.sitroom.base;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reading the operator-edited YAML files under {@code config/} as nodes, so that every complaint can name the file
 * and line at fault ("config/users.yml line 7: ...") instead of a parser's stack trace.
 */
public final class YamlNodes {

    private YamlNodes() {
    }

    /**
     * The file's root node, or null when it is empty.
     *
     * @param failure makes the caller's own exception from a message that names the file (and line, when known)
     */
    public static Node compose(Path file, Function<String, ? extends RuntimeException> failure) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw failure.apply(at(file, line, "is not valid YAML: " + e.getProblem()));
        } catch (IOException e) {
            throw failure.apply(file + ": cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw failure.apply(file + ": is not valid YAML (" + e.getMessage() + ")");
        }
    }

    /** The node's text if it is a scalar, else null. */
    public static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    /** The node's 1-based line, or 0 when unknown. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** "FILE line N: WHAT" (without the line part when it is unknown). */
    public static String at(Path file, int line, String what) {
        return file + (line > 0 ? " line " + line : "") + ": " + what;
    }
}
