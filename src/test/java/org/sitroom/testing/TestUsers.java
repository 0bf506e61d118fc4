package org.sitroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.sitroom.security.Role;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * One user per role with a random password, written to a temporary users.yml as bcrypt hashes the way an operator
 * would. Tests sign in with {@link #username(Role)} and {@link #password(Role)}.
 */
public final class TestUsers {

    private static final Map<Role, String> PASSWORDS = new EnumMap<>(Role.class);
    private static Path file;

    private TestUsers() {
    }

    public static synchronized Path file() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("sitroom-users");
                BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4); // cheap rounds: tests only
                StringBuilder yaml = new StringBuilder("users:\n");
                for (Role role : Role.values()) {
                    byte[] secret = new byte[12];
                    new SecureRandom().nextBytes(secret);
                    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    PASSWORDS.put(role, password);
                    yaml.append("  - username: ").append(username(role)).append('\n')
                            .append("    password: \"").append(bcrypt.encode(password)).append("\"\n")
                            .append("    role: ").append(role.name()).append('\n');
                }
                file = dir.resolve("users.yml");
                Files.writeString(file, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static String username(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String password(Role role) {
        file();
        return PASSWORDS.get(role);
    }
}
