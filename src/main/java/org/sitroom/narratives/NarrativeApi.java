package org.sitroom.narratives;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.sitroom.base.ApiErrors;
import org.sitroom.engine.HourCount;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.SearchHit;
import org.sitroom.engine.StoredPost;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of situations, narratives and posts (HTTP Basic, any signed-in role). Keys are snake_case; times are
 * ISO-8601 UTC. Malformed or out-of-range parameters are 400s that say which and why; unknown situations 404s.
 */
@RestController
@RequestMapping("/api/situations")
@Tag(name = "Narratives", description = "Situations, their narratives and posts")
class NarrativeApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    record SituationJson(String id, String name) {
    }

    record HourJson(Instant hour, int count) {
    }

    record NarrativeJson(String id, String title, List<String> keywords, int size, int accounts,
                         @io.swagger.v3.oas.annotations.media.Schema(description = "language codes of its posts, the most used first")
                         List<String> languages,
                         @JsonProperty("first_seen") Instant firstSeen, @JsonProperty("last_seen") Instant lastSeen,
                         double velocity, boolean emerging, List<HourJson> hourly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostJson(String id, String source, String author, String language, Instant time, String text, String url,
                    String narrative, @JsonProperty("duplicate_group") long duplicateGroup, Double score,
                    @JsonProperty("matched_by") String matchedBy) {

        static PostJson of(StoredPost p, SearchHit hit) {
            return new PostJson(p.id(), p.source(), p.author(), p.language(), p.time(), p.text(), p.url(),
                    p.narrativeId(), p.duplicateGroup(), hit == null ? null : hit.score(),
                    hit == null ? null : hit.matchedBy());
        }
    }

    private final NarrativeService narratives;

    NarrativeApi(NarrativeService narratives) {
        this.narratives = narratives;
    }

    @GetMapping
    @Operation(summary = "The situations Sitroom watches")
    List<SituationJson> situations() {
        return narratives.situations().stream().map(s -> new SituationJson(s.id(), s.name())).toList();
    }

    @GetMapping("/{id}/narratives")
    @Operation(summary = "A situation's narratives, biggest first, with hourly counts (UTC hours)")
    List<NarrativeJson> narratives(@PathVariable String id) {
        known(id);
        narratives.requireReady(id);
        return narratives.narratives(id, NarrativeQuery.ALL).stream().map(NarrativeApi::json).toList();
    }

    @GetMapping("/{id}/posts")
    @Operation(summary = "Posts of a situation, newest first; with q, search results (words and meaning), best first")
    List<PostJson> posts(@PathVariable String id,
                         @Parameter(description = "search words; empty lists posts") @RequestParam(required = false) String q,
                         @Parameter(description = "narrative id, or - for posts in no narrative") @RequestParam(required = false) String narrative,
                         @Parameter(description = "ISO-8601 time, inclusive") @RequestParam(required = false) String from,
                         @Parameter(description = "ISO-8601 time, exclusive") @RequestParam(required = false) String to,
                         @Parameter(description = "1 to 1000, default 100") @RequestParam(required = false) String limit) {
        known(id);
        int n = limit(limit);
        Instant f = time("from", from);
        Instant t = time("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw new ApiErrors.BadRequest("parameter 'from' (" + f + ") is after 'to' (" + t + ")");
        }
        PostFilter filter = new PostFilter(f, t, null, null, narrative == null || narrative.isBlank() ? null : narrative);
        if (q != null && !q.isBlank()) {
            return narratives.search(id, q, filter, n).stream().map(h -> PostJson.of(h.post(), h)).toList();
        }
        return narratives.posts(id, filter, 0, n).stream().map(p -> PostJson.of(p, null)).toList();
    }

    private void known(String id) {
        if (narratives.situation(id).isEmpty()) {
            throw new ApiErrors.NotFound("no situation '" + id + "'");
        }
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiErrors.BadRequest("parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw new ApiErrors.BadRequest("parameter 'limit' must be from 1 to " + MAX_LIMIT + ", was " + n);
        }
        return n;
    }

    /** ISO-8601 with an offset or Z, e.g. 2026-03-14T06:00:00Z or 2026-03-14T08:00:00+02:00. */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiErrors.BadRequest("parameter '" + name + "' must be an ISO-8601 time with a zone, such as "
                    + "2026-03-14T06:00:00Z");
        }
    }

    static NarrativeJson json(NarrativeSummary n) {
        List<String> languages = n.languages().stream().map(Share::key).toList();
        return new NarrativeJson(n.id(), n.title(), n.keywords(), n.size(), n.accounts(), languages, n.firstSeen(),
                n.lastSeen(), Math.round(n.velocity() * 100) / 100.0, n.emerging(),
                n.hourly().stream().map((HourCount h) -> new HourJson(h.hour(), h.count())).toList());
    }
}
