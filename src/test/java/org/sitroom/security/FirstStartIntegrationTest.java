package org.sitroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.SitroomApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Starts of the real application: the generated first administrator, and a broken users file. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartIntegrationTest {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(Path usersFile) {
        return SpringApplication.run(SitroomApplication.class, "--server.port=0", "--sitroom.data=" + dir.resolve("data"),
                "--sitroom.security.users-file=" + usersFile);
    }

    @Test
    void firstStartCreatesAnAdminWithARandomPasswordPrintedOnce(CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext app = start(dir.resolve("no-users.yml"))) {
            Matcher m = Pattern.compile("password:\\s+(\\S+)").matcher(output.getOut());
            assertThat(m.find()).as("the password is printed").isTrue();
            password = m.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            String hash = app.getBean(UserDirectory.class).loadUserByUsername("admin").getPassword();
            assertThat(app.getBean(PasswordEncoder.class).matches(password, hash)).isTrue();
            assertThat(app.getBean(UserDirectory.class).loadUserByUsername("admin").getAuthorities())
                    .extracting(Object::toString).contains("ROLE_ADMIN", "ROLE_VIEWER");
        }
        int printedBefore = output.getOut().split("Created the first administrator", -1).length - 1;
        try (ConfigurableApplicationContext again = start(dir.resolve("no-users.yml"))) {
            int printedAfter = output.getOut().split("Created the first administrator", -1).length - 1;
            assertThat(printedAfter).as("not created or printed a second time").isEqualTo(printedBefore);
        }
    }

    @Test
    void brokenUsersFileStopsTheStartNamingFileAndLine(CapturedOutput output) throws Exception {
        Path users = dir.resolve("users.yml");
        Files.writeString(users, "users:\n  - username: a\n    password: plain-text\n    role: VIEWER\n");
        assertThatThrownBy(() -> start(users)).hasRootCauseInstanceOf(UsersFileException.class);
        assertThat(output.getAll()).contains("Sitroom cannot start: " + users + " line 3: password must be a bcrypt hash");
    }
}
