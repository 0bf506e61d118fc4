package org.sitroom.security;

import static org.sitroom.base.YamlNodes.line;
import static org.sitroom.base.YamlNodes.scalar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sitroom.base.YamlNodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code config/users.yml}:
 * <pre>
 * users:
 *   - username: alice
 *     password: "{bcrypt}$2a$10$..."   # or the bare $2a$... hash
 *     role: ANALYST                    # VIEWER, ANALYST or ADMIN
 * </pre>
 * Anything wrong (bad YAML, unknown role, a password that is not a bcrypt hash) is reported with file and line,
 * because a typo here must stop the start rather than lock everyone out later.
 */
final class UsersFile {

    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private UsersFile() {
    }

    /** The users in the file; empty when the file does not exist or lists nobody. */
    static List<UserAccount> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        Node root = YamlNodes.compose(file, UsersFileException::new);
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            throw error(file, line(root), "must start with 'users:' followed by a list of users");
        }
        List<UserAccount> users = new ArrayList<>();
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(entry.getKeyNode());
            if (!"users".equals(key)) {
                throw error(file, line(entry.getKeyNode()), "unknown key '" + key + "'; only 'users' is allowed");
            }
            Node list = entry.getValueNode();
            if (list instanceof ScalarNode s && s.getValue().isEmpty()) {
                continue;
            }
            if (!(list instanceof SequenceNode seq)) {
                throw error(file, line(list), "'users' must be a list (lines starting with '- ')");
            }
            Set<String> seen = new HashSet<>();
            for (Node item : seq.getValue()) {
                UserAccount user = user(file, item);
                if (!seen.add(user.username())) {
                    throw error(file, line(item), "user '" + user.username() + "' is listed twice");
                }
                users.add(user);
            }
        }
        return List.copyOf(users);
    }

    private static UserAccount user(Path file, Node item) {
        if (!(item instanceof MappingNode map)) {
            throw error(file, line(item), "each user needs username, password and role");
        }
        String username = null;
        String password = null;
        Role role = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            Node value = t.getValueNode();
            switch (key == null ? "" : key) {
                case "username" -> username = scalar(value);
                case "password" -> {
                    password = scalar(value);
                    if (password == null || !BCRYPT.matcher(password).matches()) {
                        throw error(file, line(value), "password must be a bcrypt hash ($2a$10$...), never the password"
                                + " itself; make one with: htpasswd -nbBC 10 '' 'PASSWORD' | cut -c2-");
                    }
                }
                case "role", "roles" -> {
                    String name = value instanceof SequenceNode s && !s.getValue().isEmpty()
                            ? highest(file, s) : scalar(value);
                    role = Role.parse(name);
                    if (role == null) {
                        throw error(file, line(value), "unknown role '" + name + "'; use one of " + Role.names());
                    }
                }
                default -> throw error(file, line(t.getKeyNode()),
                        "unknown key '" + key + "'; a user has username, password and role");
            }
        }
        if (username == null || username.isBlank()) {
            throw error(file, line(item), "a user has no username");
        }
        if (password == null) {
            throw error(file, line(item), "user '" + username + "' has no password hash");
        }
        if (role == null) {
            throw error(file, line(item), "user '" + username + "' has no role; use one of " + Role.names());
        }
        String hash = password.startsWith("{bcrypt}") ? password.substring("{bcrypt}".length()) : password;
        return new UserAccount(username.trim(), hash, role, file + ":" + line(item));
    }

    /** A list of roles means the highest of them, since roles include the lower ones. */
    private static String highest(Path file, SequenceNode roles) {
        Role best = null;
        for (Node n : roles.getValue()) {
            Role r = Role.parse(scalar(n));
            if (r == null) {
                throw error(file, line(n), "unknown role '" + scalar(n) + "'; use one of " + Role.names());
            }
            if (best == null || r.compareTo(best) > 0) {
                best = r;
            }
        }
        return best.name();
    }

    private static UsersFileException error(Path file, int line, String what) {
        return new UsersFileException(YamlNodes.at(file, line, what));
    }
}
