package org.sitroom.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared, read-only datasets beside the project ({@code ../shared/datasets}); never copied into it. */
public final class Datasets {

    private Datasets() {
    }

    /** The datasets folder: {@code -Dsitroom.datasets=DIR}, else the nearest {@code shared/datasets} upwards. */
    public static Path root() {
        String configured = System.getProperty("sitroom.datasets");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/datasets not found; pass -Dsitroom.datasets=DIR");
    }

    public static Path papyer() {
        return root().resolve("papyer");
    }

    public static Path crisisLexT26() {
        return root().resolve("crisislex-t26").resolve("CrisisLexT26");
    }

    public static Path crisisLexT6() {
        return root().resolve("crisislex-t26").resolve("CrisisLexT6");
    }

    public static Path mediaEvalPosts() {
        return root().resolve("mediaeval-vmu-2016-dev").resolve("posts.txt");
    }
}
