package org.sitroom.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of {@code mvn -Pbench -Dbench=NAME verify}: runs the named benchmark, prints its figures as a table and
 * writes them to {@code target/bench/NAME.json}. Benchmarks register in
 * {@code META-INF/services/org.sitroom.bench.Benchmark} (test resources).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<Benchmark> all = ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get).toList();
        String name = args.length > 0 ? args[0] : "";
        Benchmark bench = all.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
        if (bench == null) {
            System.err.println("Unknown benchmark '" + name + "'. Known: "
                    + all.stream().map(Benchmark::name).sorted().collect(Collectors.joining(", ")));
            System.exit(2);
        }
        Map<String, Object> figures = new LinkedHashMap<>(bench.run());
        figures.putIfAbsent("cores", Runtime.getRuntime().availableProcessors());
        figures.putIfAbsent("java", System.getProperty("java.version"));
        Path out = Path.of("target", "bench", name + ".json");
        Files.createDirectories(out.getParent());
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(out, json.writeValueAsString(figures));
        System.out.println();
        System.out.println("Benchmark " + name);
        figures.forEach((k, v) -> System.out.printf("  %-28s %s%n", k, v instanceof Double d ? String.format("%.4f", d) : v));
        System.out.println("Written to " + out);
    }
}
