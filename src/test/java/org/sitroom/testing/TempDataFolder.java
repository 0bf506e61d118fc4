package org.sitroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data folder per test JVM, so tests never touch ./data. */
public final class TempDataFolder {

    private static Path folder;

    private TempDataFolder() {
    }

    public static synchronized Path get() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("sitroom-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }
}
