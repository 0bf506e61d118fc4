package org.sitroom.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user may do. Each role includes the ones below it: an ADMIN is also an ANALYST, an ANALYST also a VIEWER.
 */
public enum Role {
    /** Reads, filters and exports (diplomats). */
    VIEWER,
    /** Also curates narratives: annotates, judges triplets, edits milestones. */
    ANALYST,
    /** Also manages sources, situations and users. */
    ADMIN;

    /** Spring authority names, e.g. {@code ROLE_VIEWER}. */
    public static final String VIEWER_ROLE = "VIEWER";
    public static final String ANALYST_ROLE = "ANALYST";
    public static final String ADMIN_ROLE = "ADMIN";

    /** This role and every role it includes. */
    public Set<Role> withIncluded() {
        return EnumSet.range(VIEWER, this);
    }

    /** Parses a role name as written in config/users.yml; null when unknown. */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name.trim())).findFirst().orElse(null);
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
