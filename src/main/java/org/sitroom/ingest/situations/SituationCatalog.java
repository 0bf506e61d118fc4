package org.sitroom.ingest.situations;

import java.nio.file.Files;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitroom.base.CurrentSituation;
import org.sitroom.ingest.IngestSettings;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.Situations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The situations Sitroom watches. At start it reads config/situations.yml (a broken file stops the start with
 * file and line) or, when there is none, defines the built-in demo; then the database holds them, with ADMIN's
 * edits (see {@link SituationStore} for who wins). Also the header's current situation: the default one's name.
 */
public class SituationCatalog implements Situations, CurrentSituation {

    private static final Logger log = LoggerFactory.getLogger(SituationCatalog.class);

    /** The built-in demo situation's id. */
    public static final String DEMO_ID = "naval-encounter";
    /** The built-in demo's source. */
    public static final String DEMO_SOURCE = "demo-replay";

    private final SituationStore store;

    public SituationCatalog(SituationStore store, IngestSettings settings,
                            java.util.function.BiConsumer<String, Map<String, Object>> checkSource) {
        this.store = store;
        load(settings, checkSource);
    }

    private void load(IngestSettings settings, java.util.function.BiConsumer<String, Map<String, Object>> checkSource) {
        if (Files.exists(settings.situationsFile())) {
            List<SituationDefinition> defs = SituationsFile.read(settings.situationsFile(), settings.defaultInterval(),
                    checkSource);
            store.sync(defs, "file");
            log.info("Situations: {} from {}", defs.size(), settings.situationsFile().toAbsolutePath().normalize());
        } else if (settings.demo().enabled()) {
            store.sync(List.of(demo(settings)), "builtin");
            log.info("Situations: no {}, so the built-in demo '{}' replays at {}x", settings.situationsFile(),
                    DEMO_ID, settings.demo().speed());
        } else {
            store.sync(List.of(), "builtin");
        }
    }

    /** The built-in demo: the naval encounter, its first hours back-dated at once, the rest replayed live. */
    static SituationDefinition demo(IngestSettings settings) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("dataset", settings.demo().dataset());
        String speed = new java.math.BigDecimal(Double.toString(settings.demo().speed())).stripTrailingZeros()
                .toPlainString();
        source.put("speed", speed);
        source.put("head-start", Durations.format(settings.demo().headStart()));
        source.put("milestones", settings.demo().milestones());
        return new SituationDefinition(DEMO_ID, "Naval encounter in the Eastern Mediterranean",
                "Demo (fictional): two warships meet south of Crete; 72 hours of posts, replayed from "
                        + Durations.format(settings.demo().headStart()) + " into the event at " + speed + "x.",
                null, ZoneId.of("Europe/Athens"), List.of("Aster", "Kestrel", "#EastMed", "Meris"),
                List.of("en", "el", "tr", "fr", "ar", "de", "it", "es", "ru"),
                List.of(new SourceDefinition(DEMO_SOURCE, DEMO_ID, "replay", source, settings.demo().interval(),
                        true)));
    }

    @Override
    public List<Situation> all() {
        return store.situations();
    }

    @Override
    public Optional<Situation> find(String id) {
        return store.situation(id);
    }

    @Override
    public Optional<Situation> defaultSituation() {
        return store.situations().stream().findFirst(); // ordered by start, newest first
    }

    @Override
    public Optional<String> name() {
        return defaultSituation().map(Situation::name);
    }
}
