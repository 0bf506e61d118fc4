package org.sitroom.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings.
 *
 * @param usersFile YAML file with users and bcrypt hashes, edited by operators
 * @param loginThrottle how repeated login failures slow down guessing
 */
@ConfigurationProperties("sitroom.security")
public record SecurityProperties(@DefaultValue("config/users.yml") Path usersFile,
                                 @DefaultValue LoginThrottleSettings loginThrottle) {

    /**
     * @param maxFailures failures within {@code window} after which sign-in pauses
     * @param window how far back failures count
     * @param lockout how long sign-in pauses for that user name or client address
     */
    public record LoginThrottleSettings(@DefaultValue("5") int maxFailures,
                                        @DefaultValue("15m") Duration window,
                                        @DefaultValue("5m") Duration lockout) {
    }
}
