package org.sitroom.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ingest settings ({@code sitroom.ingest}); defaults in {@code application.yml}, commented in
 * {@code config/application.yml}.
 *
 * @param situationsFile  the situations and their sources; when it does not exist the demo situation is built in
 * @param batchSize       most posts per fetch, and so per store call and per database transaction. Large by default:
 *                        a big batch embeds with little padding and writes few index segments (the MediaEval import
 *                        ran at 184 posts/s with 256, 220-300 with 1,024-2,048, 335 with 4,096); APIs cap their
 *                        own pages
 * @param maxRunTime      how long one scheduled run of a source may keep fetching while its source has more; the
 *                        next run goes on from the cursor (keeps one busy source from holding a thread for hours)
 * @param defaultInterval how often a source runs when its definition names no interval
 * @param maxTextChars    longer texts are cut here (the original is kept in {@code post_original})
 * @param languages       the languages Lingua chooses among when a situation lists none (ISO 639-1)
 * @param detectLanguage  whether posts without a language get one from Lingua
 * @param quarantineSamples how many quarantined records per source the Sources view shows
 * @param demo            the built-in demo situation
 */
@ConfigurationProperties("sitroom.ingest")
public record IngestSettings(
        @DefaultValue("config/situations.yml") Path situationsFile,
        @DefaultValue("4096") int batchSize,
        @DefaultValue("60s") Duration maxRunTime,
        @DefaultValue("5m") Duration defaultInterval,
        @DefaultValue("10000") int maxTextChars,
        @DefaultValue({"en", "de", "fr", "es", "it", "pt", "nl", "el", "tr", "ar", "ru", "uk", "pl"}) List<String> languages,
        @DefaultValue("true") boolean detectLanguage,
        @DefaultValue("20") int quarantineSamples,
        @DefaultValue Demo demo) {

    public IngestSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("sitroom.ingest.batch-size must be at least 1, not " + batchSize);
        }
        if (maxTextChars < 100) {
            throw new IllegalArgumentException("sitroom.ingest.max-text-chars must be at least 100");
        }
        languages = List.copyOf(languages);
    }

    /**
     * The demo situation used while no situations file exists.
     *
     * @param dataset  the replayed posts, relative to the working folder; when missing there, the copy inside the jar
     * @param speed     replay speed after the head start: 1 = real time (the default: the demo's hours look like
     *                  an event's hours), 360 = one recorded hour every 10 s
     * @param headStart how far into the recording the replay starts; what came before arrives at once, hours intact
     *                  (45h30m: just after the leaked audio, when new narratives emerge)
     * @param interval  how often the replay source runs
     */
    public record Demo(@DefaultValue("true") boolean enabled,
                       @DefaultValue("fixtures/demo/naval-encounter.jsonl") String dataset,
                       @DefaultValue("fixtures/demo/milestones.json") String milestones,
                       @DefaultValue("1") double speed,
                       @DefaultValue("PT45H30M") Duration headStart,
                       @DefaultValue("5s") Duration interval) {
    }
}
