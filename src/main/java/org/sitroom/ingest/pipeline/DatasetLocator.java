package org.sitroom.ingest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds a dataset named in a source's settings: a path (relative to the working folder), or, for the demo files,
 * the copy inside the jar ({@code demo/NAME} on the classpath, copied once to {@code DATA/demo/}), because
 * {@code fixtures/} does not ship and {@code java -jar} may run from any folder. {@code classpath:NAME} asks for a
 * classpath resource directly.
 */
final class DatasetLocator {

    private final Path dataFolder;

    DatasetLocator(Path dataFolder) {
        this.dataFolder = dataFolder;
    }

    Path resolve(String name) {
        if (name.startsWith("classpath:")) {
            return copyOfResource(name.substring("classpath:".length()))
                    .orElseThrow(() -> new IllegalArgumentException("no resource " + name + " in the application"));
        }
        Path path = Path.of(name);
        if (Files.isRegularFile(path)) {
            return path.toAbsolutePath().normalize();
        }
        // fixtures/demo/x.jsonl from another folder: the jar's copy demo/x.jsonl.
        if (path.getParent() != null && path.getParent().endsWith(Path.of("fixtures", "demo"))) {
            var copy = copyOfResource("demo/" + path.getFileName());
            if (copy.isPresent()) {
                return copy.get();
            }
        }
        throw new IllegalArgumentException("dataset " + path.toAbsolutePath().normalize() + " does not exist");
    }

    private java.util.Optional<Path> copyOfResource(String resource) {
        String clean = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = DatasetLocator.class.getClassLoader().getResourceAsStream(clean)) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            Path target = dataFolder.resolve(clean);
            Files.createDirectories(target.getParent());
            // Written beside and moved in, so a crash never leaves half a dataset that a later start would trust.
            Path part = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(target) && Files.mismatch(part, target) == -1) {
                Files.delete(part);
            } else {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return java.util.Optional.of(target.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + clean + " to " + dataFolder, e);
        }
    }
}
