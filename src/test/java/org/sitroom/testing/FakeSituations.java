package org.sitroom.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.Situations;
import org.sitroom.ingest.SourceHealth;
import org.sitroom.ingest.SourceMonitor;

/** In-memory situations and source health to go with {@link FakeEngine}. */
public class FakeSituations implements Situations, SourceMonitor {

    public static final String DEMO = "naval-encounter";

    private final List<Situation> situations;
    private final Instant now;

    public FakeSituations(List<Situation> situations, Instant now) {
        this.situations = List.copyOf(situations);
        this.now = now;
    }

    /** The demo situation, started {@code progress} ago, plus an older, quiet one so there is something to switch to. */
    public static FakeSituations demo(Instant now, Duration progress) {
        return new FakeSituations(List.of(
                new Situation(DEMO, "Naval encounter in the Eastern Mediterranean",
                        "Demo: two warships meet south of Crete (fictional).", now.minus(progress),
                        ZoneId.of("Europe/Athens"), List.of("Aster", "Kestrel"),
                        List.of("en", "el", "tr", "fr", "ar", "de", "it", "es", "ru")),
                new Situation("quiet-test", "Quiet test situation", "No posts: shows the empty states.",
                        now.minus(Duration.ofDays(30)), ZoneId.of("UTC"), List.of(), List.of("en"))), now);
    }

    @Override
    public List<Situation> all() {
        return situations;
    }

    @Override
    public Optional<Situation> find(String id) {
        return situations.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Situation> defaultSituation() {
        return situations.stream().max(Comparator.comparing(Situation::start));
    }

    @Override
    public List<SourceHealth> health(String situationId) {
        if (!DEMO.equals(situationId)) {
            return List.of();
        }
        return List.of(
                new SourceHealth("demo-x", DEMO, "replay", now, 2547, 0, 0, 0, Duration.ofMinutes(1), null),
                new SourceHealth("demo-mastodon", DEMO, "replay", now, 400, 0, 0, 0, Duration.ofMinutes(1), null),
                new SourceHealth("demo-news", DEMO, "replay", now, 161, 0, 0, 0, Duration.ofMinutes(1), null));
    }
}
