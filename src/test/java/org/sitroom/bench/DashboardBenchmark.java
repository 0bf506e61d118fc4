package org.sitroom.bench;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.JavascriptExecutor;
import org.sitroom.SitroomApplication;
import org.sitroom.engine.ClusteringSettings;
import org.sitroom.engine.NewPost;
import org.sitroom.engine.internal.index.PostIndex;
import org.sitroom.engine.internal.store.EngineStore;
import org.sitroom.ingest.format.ColumnMapping;
import org.sitroom.ingest.format.IncomingPost;
import org.sitroom.ingest.format.RecordReaders;
import org.sitroom.security.Role;
import org.sitroom.testing.Api;
import org.sitroom.testing.Browser;
import org.sitroom.testing.Datasets;
import org.sitroom.testing.FixedEmbeddings;
import org.sitroom.testing.TestUsers;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code bash .mvn/sitroom bench dashboard}: the dashboard with 100k posts in one situation, under 10 concurrent
 * clients. The posts are real tweets (CrisisLexT26 + T6, topped up with MediaEval 2016 dev), their times spread
 * evenly over the 72 hours before now in their recorded order, so every chart range is full. They are stored through
 * the engine's own store with the real model's vectors (from the benchmarks' vector cache, so the embedding is not
 * what is timed here), then the app starts on that data folder as {@code java -jar} would and clusters them.
 *
 * <p>Then, at once: {@code clients - browsers} API clients (HTTP Basic) each request every endpoint {@code rounds}
 * times, and {@code browsers} headless Chromium clients each load every view {@code rounds} times (from navigation to
 * the view's content shown, as a person would wait for it), once as a full page load and once as a move inside the
 * open app ({@code nav_*}: the router swaps the view, as the menu does). Medians and p95 in milliseconds per endpoint
 * and view.
 * Options, passed as {@code -Dbench.options="..."}: {@code -Dbench.dashboard.posts=100000 -Dbench.dashboard.clients=10
 * -Dbench.dashboard.browsers=2 -Dbench.dashboard.rounds=20 -Dbench.dashboard.data=DIR} (stores into DIR once, reuses
 * it after).
 */
public final class DashboardBenchmark implements Benchmark {

    static final String SITUATION = "bench-100k";

    /**
     * Times are taken inside the page: a WebDriver wait checks by round trips, half a second apart by default (which
     * rounded every figure up to the next half second), and polling it finely loads the very browser being timed.
     * These scripts check every 10 ms in the page and report {@code performance.now()}. READY is the view's
     * condition, an expression over {@code shown(css)}.
     */
    private static final String SHOWN = """
            const shown = css => { const e = document.querySelector(css); return e !== null && e.getClientRects().length > 0; };
            """;

    /** After a full page load: the time since the navigation started at which the view is first seen shown. */
    private static final String AWAIT_SHOWN = SHOWN + """
            const done = arguments[arguments.length - 1];
            (function check() { if (READY) { done(performance.now()); } else { setTimeout(check, 10); } })();
            """;

    /**
     * Follows an in-app link the way the menu's links are followed (Vaadin's router handles router-link anchors) and
     * reports how long until the old view is gone and the new one is shown.
     */
    private static final String ROUTER_NAVIGATE = SHOWN + """
            const done = arguments[arguments.length - 1];
            const before = document.querySelector('[id^=view-]');
            const start = performance.now();
            const a = document.createElement('a');
            a.href = arguments[0];
            a.setAttribute('router-link', '');
            document.body.appendChild(a);
            a.click();
            a.remove();
            (function check() {
              if (!before.isConnected && (READY)) { done(performance.now() - start); } else { setTimeout(check, 10); }
            })();
            """;

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public Map<String, Object> run() throws Exception {
        int target = Integer.getInteger("bench.dashboard.posts", 100_000);
        int clients = Integer.getInteger("bench.dashboard.clients", 10);
        int browsers = Math.min(clients, Integer.getInteger("bench.dashboard.browsers", 2));
        int rounds = Integer.getInteger("bench.dashboard.rounds", 20);
        Map<String, Object> out = new LinkedHashMap<>();

        // 1. The posts and their vectors.
        List<NewPost> posts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        collect(posts, texts, target);
        VectorCache.Embedded embedded = VectorCache.embed("dashboard-100k", texts);
        Map<String, float[]> byText = new HashMap<>();
        List<NewPost> kept = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (embedded.vectors()[i] != null) {
                byText.putIfAbsent(texts.get(i), embedded.vectors()[i]);
                kept.add(posts.get(i));
            }
        }
        out.put("posts", kept.size());
        out.put("dataset", "CrisisLexT26 + T6 tweets, topped up with MediaEval 2016 dev; times spread over the last 72 h");

        // 2. Stored through the engine's store, into the data folder the app then opens. With
        // -Dbench.dashboard.data=DIR a folder stored by an earlier run is reused (its posts keep their times).
        String reuse = System.getProperty("bench.dashboard.data");
        Path data = reuse == null ? Files.createTempDirectory("sitroom-bench-dashboard") : Path.of(reuse);
        long t = System.nanoTime();
        if (reuse == null || !Files.isDirectory(data.resolve("index"))) {
            Files.createDirectories(data);
            try (PostIndex index = new PostIndex(data.resolve("index"))) {
                EngineStore store = new EngineStore(index, new FixedEmbeddings(384, byText::get),
                        ClusteringSettings.defaults(), Clock.systemUTC(), e -> { });
                for (int from = 0; from < kept.size(); from += 5000) {
                    store.add(kept.subList(from, Math.min(kept.size(), from + 5000)));
                }
            }
            out.put("store_seconds", ClusterScenario.secs(t));
        } else {
            out.put("store_seconds", "reused " + data);
        }
        Path situations = Files.writeString(data.resolve("situations.yml"), """
                situations:
                  - id: %s
                    name: Benchmark, 100k real tweets
                    description: CrisisLex and MediaEval tweets, re-timed into the last 72 hours.
                    time-zone: UTC
                    sources:
                      - id: bench-drop
                        kind: file-drop
                        enabled: false
                        settings:
                          folder: %s
                """.formatted(SITUATION, data.resolve("drop")));

        // 3. The app on that folder; narratives once the first recluster of all posts is done.
        t = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitroomApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .properties("vaadin.productionMode=true", "logging.level.root=warn")
                // As arguments, not default properties: application.yml would win over those.
                .run("--sitroom.data=" + data, "--server.port=0", "--sitroom.ingest.situations-file=" + situations,
                        "--sitroom.security.users-file=" + TestUsers.file())) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Api api = new Api(port);
            String base = "/api/situations/" + SITUATION;
            JsonNode narratives = null;
            while (narratives == null || narratives.isEmpty()) {
                if (System.nanoTime() - t > Duration.ofMinutes(20).toNanos()) {
                    throw new IllegalStateException("no narratives after 20 minutes");
                }
                Thread.sleep(500); // polling a server that is still clustering; nothing to wait on in-process
                HttpResponse<String> r = api.get(base + "/narratives", Role.VIEWER);
                narratives = r.statusCode() == 200 ? Api.json(r) : null;
            }
            out.put("start_and_first_narratives_seconds", ClusterScenario.secs(t));
            out.put("narratives", narratives.size());
            String biggest = narratives.get(0).get("id").asString();
            Instant now = Instant.now();

            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("api_situations", "/api/situations");
            endpoints.put("api_narratives", base + "/narratives");
            endpoints.put("api_posts_bm25_semantic", base + "/posts?limit=50&q=" + enc("flood victims need help"));
            endpoints.put("api_posts_of_narrative", base + "/posts?limit=100&narrative=" + enc(biggest));
            endpoints.put("api_posts_last_hour", base + "/posts?limit=100&from=" + enc(now.minus(Duration.ofHours(1)).toString())
                    + "&to=" + enc(now.toString()));
            endpoints.put("api_timeline", base + "/timeline");

            // When each view counts as shown, as a script expression over shown(css) (present and laid out).
            Map<String, String> views = new LinkedHashMap<>();
            views.put("view_overview", "shown('#growth-chart svg') && shown('#figure-total-value')");
            views.put("view_narratives", "document.querySelector('#narratives-grid vaadin-grid-cell-content span') !== null");
            views.put("view_narrative_detail", "shown('#narrative-growth svg') "
                    + "&& document.querySelectorAll('#narrative-posts vaadin-grid-cell-content').length > 5");
            views.put("view_timeline", "shown('#volume-chart svg')");
            views.put("view_search", "shown('#search-box')");
            Map<String, String> paths = Map.of("view_overview", "/", "view_narratives", "/narratives",
                    "view_narrative_detail", "/narratives/" + biggest, "view_timeline", "/timeline",
                    "view_search", "/search");

            // 4. Everyone at once.
            Map<String, List<Double>> samples = new ConcurrentHashMap<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(clients);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> done = new ArrayList<>();
            List<Browser> open = new CopyOnWriteArrayList<>();
            long loadStart = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                boolean browser = c < browsers;
                done.add(pool.submit(() -> {
                    try {
                        if (browser) {
                            Browser b = new Browser(port);
                            open.add(b);
                            b.signInAs(Role.VIEWER);
                            b.open("/narratives/" + biggest); // warm: the first page load also fetches the bundle
                            ready.countDown();
                            ready.await();
                            b.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
                            for (int r = 0; r < rounds; r++) {
                                for (var v : views.entrySet()) {
                                    // A full page load, as on opening a link or reloading: from the navigation's
                                    // start (the page's time origin) until the view is shown.
                                    b.open(paths.get(v.getKey()));
                                    Object shownAt = ((JavascriptExecutor) b.driver()).executeAsyncScript(
                                            AWAIT_SHOWN.replace("READY", v.getValue()));
                                    samples.computeIfAbsent(v.getKey(), k -> new CopyOnWriteArrayList<>())
                                            .add(((Number) shownAt).doubleValue());
                                }
                                for (var v : views.entrySet()) {
                                    // Moving to the view inside the open app, as the menu and the links do: the
                                    // router swaps the view without reloading the page.
                                    Object took = ((JavascriptExecutor) b.driver()).executeAsyncScript(
                                            ROUTER_NAVIGATE.replace("READY", v.getValue()),
                                            paths.get(v.getKey()).substring(1));
                                    samples.computeIfAbsent(v.getKey().replace("view_", "nav_"),
                                            k -> new CopyOnWriteArrayList<>()).add(((Number) took).doubleValue());
                                }
                            }
                        } else {
                            ready.countDown();
                            ready.await();
                            for (int r = 0; r < rounds; r++) {
                                for (var e : endpoints.entrySet()) {
                                    long s = System.nanoTime();
                                    HttpResponse<String> resp = api.get(e.getValue(), Role.VIEWER);
                                    double took = ms(s);
                                    if (resp.statusCode() != 200) {
                                        throw new IllegalStateException(e.getKey() + " answered " + resp.statusCode());
                                    }
                                    samples.computeIfAbsent(e.getKey(), k -> new CopyOnWriteArrayList<>()).add(took);
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                        ready.countDown();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            open.forEach(Browser::close);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a client failed", failures.getFirst());
            }
            out.put("load_seconds", ClusterScenario.secs(loadStart));
            out.put("clients", clients + " (" + (clients - browsers) + " API, " + browsers + " Chromium)");
            out.put("rounds_per_client", rounds);
            List<String> slow = new ArrayList<>();
            List<String> navs = views.keySet().stream().map(k -> k.replace("view_", "nav_")).toList();
            for (String key : concat(concat(endpoints.keySet(), views.keySet()), navs)) {
                List<Double> s = new ArrayList<>(samples.getOrDefault(key, List.of()));
                Collections.sort(s);
                if (s.isEmpty()) {
                    continue;
                }
                double median = percentile(s, 50);
                double p95 = percentile(s, 95);
                out.put(key + "_median_ms", Math.round(median));
                out.put(key + "_p95_ms", Math.round(p95));
                if (p95 >= 1000) {
                    slow.add(key);
                }
            }
            out.put("over_1s_at_p95", slow.isEmpty() ? "none" : String.join(", ", slow));
        }
        return out;
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Real tweets until {@code target}, re-timed evenly over the last 72 hours in their recorded order. */
    private static void collect(List<NewPost> posts, List<String> texts, int target) throws Exception {
        record Raw(String source, String id, String author, String language, Instant time, String text) {
        }
        List<Raw> raw = new ArrayList<>();
        for (CrisisLexTweets.Tweet tw : CrisisLexTweets.t26AndT6()) {
            raw.add(new Raw("crisislex", tw.id().replace('/', '_'), null, null, tw.time(), tw.text()));
        }
        if (raw.size() < target) {
            var report = RecordReaders.readAll(Datasets.mediaEvalPosts(), new RecordReaders.Settings("mediaeval",
                    ColumnMapping.MEDIAEVAL_VMU, Clock.systemUTC()));
            for (IncomingPost p : report.posts()) {
                raw.add(new Raw("mediaeval", p.externalId(), p.author(), p.language(), p.time(), p.text()));
            }
        }
        raw.sort(Comparator.comparing(Raw::time).thenComparing(Raw::id));
        List<Raw> chosen = raw.size() <= target ? raw : evenly(raw, target);
        Instant end = Instant.now().minusSeconds(60);
        Duration span = Duration.ofHours(72);
        for (int i = 0; i < chosen.size(); i++) {
            Raw r = chosen.get(i);
            Instant time = end.minus(span).plusMillis(span.toMillis() * i / chosen.size());
            posts.add(new NewPost(SITUATION, r.source(), r.id(), r.author(), r.language(), time, r.text(), null));
            texts.add(r.text());
        }
    }

    /** Evenly spaced picks, so the sample keeps the mix of events over time. */
    private static <T> List<T> evenly(List<T> all, int n) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) ((long) i * all.size() / n)));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double percentile(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

}
