package org.sitroom.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sitroom.SitroomApplication;
import org.sitroom.engine.PostIds;
import org.sitroom.engine.PostStore;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.pipeline.FileImporter;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVM of {@link CrashRecoveryIntegrationTest}: {@code import DATA FILE} imports a JSONL file through the
 * real pipeline (index, cursor, database; embeddings by {@link HashEmbeddings}) printing a line per batch, and
 * then prints how many posts the store holds and how many of the file's ids it finds ({@code verify DATA FILE}
 * prints only that).
 */
public final class CrashImportMain {

    static final String SITUATION = "crash-test";

    private CrashImportMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path data = Path.of(args[1]);
        Path file = Path.of(args[2]);
        // Batches of 100: 200 per full import, so that a kill after a few batch lines lands mid-import even when the
        // child runs ahead of the parent reading its lines. Given as an argument: default properties rank below
        // application.yml, whose 4,096 had silently replaced the 250 set here before (20k posts in 5 batches, so a
        // fast child finished the file before most kills).
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SitroomApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .initializers(HashEmbeddings.replacing())
                .properties(org.sitroom.cli.Cli.NO_WEB_PROPERTIES)
                .properties("spring.quartz.auto-startup=false", "sitroom.cli=true", "logging.level.root=warn",
                        "sitroom.ingest.demo.enabled=false",
                        "sitroom.ingest.situations-file=" + data.resolve("no-situations.yml"),
                        "sitroom.engine.clustering.check-every=1h")
                .run("--sitroom.data=" + data, "--sitroom.ingest.batch-size=100")) {
            System.out.println("READY");
            System.out.flush();
            if (mode.equals("import")) {
                FileImporter.Summary s = context.getBean(FileImporter.class).importFiles(SITUATION, "jsonl",
                        ColumnMapping.DEMO_JSONL, List.of(file), "crash-src", (done, total, posts) -> {
                            System.out.println("BATCH " + done + " " + total + " " + posts);
                            System.out.flush();
                        });
                System.out.println("DONE " + s.imported() + " " + s.duplicates() + " " + s.quarantined());
            }
            {
                PostStore store = context.getBean(PostStore.class);
                List<String> ids = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    int start = line.indexOf("\"id\":\"") + 6;
                    ids.add(PostIds.of("crash-src", line.substring(start, line.indexOf('"', start))));
                }
                int found = 0;
                for (int i = 0; i < ids.size(); i += 1000) {
                    found += store.existing(ids.subList(i, Math.min(ids.size(), i + 1000))).size();
                }
                System.out.println("COUNT " + store.count(SITUATION) + " " + found + " " + ids.size());
            }
            System.out.flush();
        }
        System.exit(0);
    }
}
