package org.sitroom.security;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * All users: those of config/users.yml, and, when that file configures nobody, a first administrator that
 * Sitroom creates once with a random password printed to the log (no default password exists anywhere).
 */
@Service
public class UserDirectory implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);
    static final String FIRST_ADMIN = "admin";

    private final List<UserAccount> fileUsers;
    private final JdbcClient db;

    UserDirectory(SecurityProperties settings, JdbcClient db, PasswordEncoder encoder) {
        this.fileUsers = UsersFile.read(settings.usersFile());
        this.db = db;
        if (fileUsers.isEmpty()) {
            createFirstAdminIfNone(encoder, settings);
        } else {
            log.info("{} user(s) configured in {}", fileUsers.size(), settings.usersFile());
        }
    }

    private void createFirstAdminIfNone(PasswordEncoder encoder, SecurityProperties settings) {
        Integer count = db.sql("SELECT COUNT(*) FROM app_user").query(Integer.class).single();
        if (count != null && count > 0) {
            return;
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        db.sql("INSERT INTO app_user(username, password_hash, roles, created_at) VALUES (?, ?, ?, ?)")
                .params(FIRST_ADMIN, encoder.encode(password), Role.ADMIN.name(), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        // Printed once: it is not stored anywhere in clear text. Configure users in the file to replace it.
        log.warn("""

                ============================================================
                 No users are configured in {}.
                 Created the first administrator (shown only this once):
                   user name: {}
                   password:  {}
                 Configure real users in {} (see config/users.example.yml).
                ============================================================""",
                settings.usersFile(), FIRST_ADMIN, password, settings.usersFile());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .authorities(account.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList())
                .build();
    }

    Optional<UserAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Optional<UserAccount> inFile = fileUsers.stream().filter(u -> u.username().equals(username)).findFirst();
        return inFile.isPresent() ? inFile : generatedUsers().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** Every account, for the Users view; hashes stay inside. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<UserSummary> list() {
        List<UserAccount> all = new ArrayList<>(fileUsers);
        all.addAll(generatedUsers());
        return all.stream().sorted(Comparator.comparing(UserAccount::username))
                .map(u -> new UserSummary(u.username(), u.role(), u.origin())).toList();
    }

    private List<UserAccount> generatedUsers() {
        if (!fileUsers.isEmpty()) {
            return List.of(); // once operators configure users, the generated admin no longer signs in
        }
        return db.sql("SELECT username, password_hash, roles FROM app_user")
                .query((rs, i) -> new UserAccount(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        "generated at first start"))
                .list();
    }

    /** What the Users view shows of an account. */
    public record UserSummary(String username, Role role, String origin) {
    }
}
