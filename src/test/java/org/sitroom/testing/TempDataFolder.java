package org.sitroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh data folders for test application contexts, so tests never touch ./data. Each Spring context needs its own:
 * the test framework keeps several contexts alive at once, and two of them cannot hold the same Lucene index.
 */
public final class TempDataFolder {

    private TempDataFolder() {
    }

    /** A new empty folder; call it once per context (inside a {@code @DynamicPropertySource} method). */
    public static Path fresh() {
        try {
            return Files.createTempDirectory("sitroom-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
