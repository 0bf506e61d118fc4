package org.sitroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    private static final String HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z6nY3Yy3XtT1vZyRrSc5ZJ9y";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsUsersWithTheirRoles() throws IOException {
        Path file = write("""
                users:
                  - username: dora
                    password: "{bcrypt}%s"
                    role: VIEWER
                  - username: ana
                    password: "%s"
                    roles: [VIEWER, ANALYST]
                """.formatted(HASH, HASH));
        List<UserAccount> users = UsersFile.read(file);
        assertThat(users).extracting(UserAccount::username).containsExactly("dora", "ana");
        assertThat(users.get(0).role()).isEqualTo(Role.VIEWER);
        assertThat(users.get(1).role()).isEqualTo(Role.ANALYST);
        assertThat(users.get(1).roles()).containsExactlyInAnyOrder(Role.VIEWER, Role.ANALYST);
        assertThat(users.get(0).passwordHash()).isEqualTo(HASH);
    }

    @Test
    void missingOrEmptyFileMeansNoUsers() throws IOException {
        assertThat(UsersFile.read(dir.resolve("absent.yml"))).isEmpty();
        assertThat(UsersFile.read(write(""))).isEmpty();
        assertThat(UsersFile.read(write("users:\n"))).isEmpty();
    }

    @Test
    void badYamlNamesFileAndLine() throws IOException {
        Path file = write("users:\n  - username: a\n    password: [unclosed\n    role: VIEWER\n");
        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching(".*line [45].*");
    }

    @Test
    void unknownRoleIsRefusedWithItsLine() throws IOException {
        Path file = write("users:\n  - username: a\n    password: \"" + HASH + "\"\n    role: SUPERUSER\n");
        assertThatThrownBy(() -> UsersFile.read(file))
                .hasMessageContaining("line 4")
                .hasMessageContaining("unknown role 'SUPERUSER'");
    }

    @Test
    void plainTextPasswordIsRefused() throws IOException {
        Path file = write("users:\n  - username: a\n    password: hunter2\n    role: VIEWER\n");
        assertThatThrownBy(() -> UsersFile.read(file))
                .hasMessageContaining("line 3")
                .hasMessageContaining("bcrypt hash");
    }

    @Test
    void duplicateAndIncompleteUsersAreRefused() throws IOException {
        Path twice = write("users:\n  - {username: a, password: \"" + HASH + "\", role: VIEWER}\n"
                + "  - {username: a, password: \"" + HASH + "\", role: ADMIN}\n");
        assertThatThrownBy(() -> UsersFile.read(twice)).hasMessageContaining("listed twice").hasMessageContaining("line 3");
        Path noRole = write("users:\n  - {username: a, password: \"" + HASH + "\"}\n");
        assertThatThrownBy(() -> UsersFile.read(noRole)).hasMessageContaining("has no role");
    }
}
