package org.sitroom.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every module.
 *
 * @param data folder that holds all state of the embedded default (database, index, model cache)
 * @param staleAfterMinutes after how many minutes without new posts the dashboard calls its data stale
 */
@ConfigurationProperties("sitroom")
public record SitroomProperties(@DefaultValue("./data") Path data, @DefaultValue("30") int staleAfterMinutes) {

    /** A folder below the data folder, e.g. {@code index} or {@code db}. */
    public Path dataFolder(String name) {
        return data.resolve(name);
    }
}
