package org.sitroom.security;

import java.util.Set;

/**
 * A user as Sitroom knows it.
 *
 * @param username login name
 * @param passwordHash bcrypt hash, never the password
 * @param role highest role; the roles below it are included
 * @param origin where the account is defined, e.g. {@code config/users.yml:4} or {@code generated}
 */
public record UserAccount(String username, String passwordHash, Role role, String origin) {

    public Set<Role> roles() {
        return role.withIncluded();
    }
}
