package org.sitroom.narratives;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sitroom.engine.PostFilter;
import org.sitroom.engine.StoredPost;

/**
 * Running tallies of one situation's posts, per narrative and overall. Only the model's worker thread touches a
 * tally; readers get immutable snapshots built from it. Adding a post twice counts it once, so overlapping windows
 * of "new posts" are harmless.
 */
final class Tally {

    /** Minutes kept for the rolling "last hour" and "six hours before" windows. */
    static final Duration RECENT = Duration.ofHours(8);

    final Set<String> seen = new HashSet<>();
    final Counts all = new Counts(false);
    final Map<String, Counts> narratives = new HashMap<>();

    /** Adds a post; false when it was already counted. */
    boolean add(StoredPost post, Instant now) {
        if (!seen.add(post.id())) {
            return false;
        }
        all.add(post, now);
        String key = post.narrativeId() == null ? PostFilter.UNASSIGNED : post.narrativeId();
        narratives.computeIfAbsent(key, k -> new Counts(true)).add(post, now);
        return true;
    }

    void prune(Instant now) {
        long oldest = now.minus(RECENT).getEpochSecond() / 60;
        all.minutes.headMap(oldest).clear();
        narratives.values().forEach(c -> c.minutes.headMap(oldest).clear());
    }

    /** Tallies of one narrative (or of all posts). */
    static final class Counts {
        int posts;
        Instant first;
        Instant last;
        final Map<String, Integer> accounts = new HashMap<>();
        final Map<String, Integer> languages = new HashMap<>();
        final Map<String, Integer> sources = new HashMap<>();
        /** UTC epoch hour -> posts. */
        final TreeMap<Long, Integer> hours = new TreeMap<>();
        /** Epoch minute -> posts, only the last {@link #RECENT}. */
        final TreeMap<Long, Integer> minutes = new TreeMap<>();
        /** Duplicate group -> its tally; only for narratives (the situation-wide tally needs none). */
        final Map<Long, Group> groups;

        Counts(boolean withGroups) {
            this.groups = withGroups ? new HashMap<>() : null;
        }

        void add(StoredPost p, Instant now) {
            posts++;
            Instant t = p.time();
            if (first == null || t.isBefore(first)) {
                first = t;
            }
            if (last == null || t.isAfter(last)) {
                last = t;
            }
            if (p.author() != null) {
                accounts.merge(p.author(), 1, Integer::sum);
            }
            languages.merge(p.language() == null ? "?" : p.language(), 1, Integer::sum);
            sources.merge(p.source(), 1, Integer::sum);
            hours.merge(Math.floorDiv(t.getEpochSecond(), 3600), 1, Integer::sum);
            if (!t.isBefore(now.minus(RECENT))) {
                minutes.merge(Math.floorDiv(t.getEpochSecond(), 60), 1, Integer::sum);
            }
            if (groups != null) {
                groups.computeIfAbsent(p.duplicateGroup(), g -> new Group()).add(p);
            }
        }

        /**
         * Posts in the minutes {@code (now - startBack, now - endBack]} counted in whole minutes, the current minute
         * included: {@code back(now, 60, 0)} is the last hour, {@code back(now, 420, 60)} the six hours before it.
         */
        int back(Instant now, int startBack, int endBack) {
            long current = Math.floorDiv(now.getEpochSecond(), 60);
            return minutes.subMap(current - startBack, false, current - endBack, true).values().stream()
                    .mapToInt(Integer::intValue).sum();
        }
    }

    /** One duplicate group within a narrative. */
    static final class Group {
        int posts;
        final Set<String> accounts = new HashSet<>();
        /** Each post's time and account, for telling a coordinated burst from a text people copy over days. */
        final List<Instant> times = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        Instant first;
        Instant last;
        String text;
        String language;

        void add(StoredPost p) {
            posts++;
            if (p.author() != null) {
                accounts.add(p.author());
            }
            times.add(p.time());
            authors.add(p.author());
            if (first == null || p.time().isBefore(first)) {
                first = p.time();
                text = p.text();
                language = p.language();
            }
            if (last == null || p.time().isAfter(last)) {
                last = p.time();
            }
        }

        /** The most distinct accounts that posted this text within any window of the given length. */
        int peakAccounts(Duration window) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                order.add(i);
            }
            order.sort(java.util.Comparator.comparing(times::get));
            Map<String, Integer> inWindow = new HashMap<>();
            int best = 0;
            int start = 0;
            for (int end = 0; end < order.size(); end++) {
                Instant t = times.get(order.get(end));
                String a = authors.get(order.get(end));
                if (a != null) {
                    inWindow.merge(a, 1, Integer::sum);
                }
                while (times.get(order.get(start)).isBefore(t.minus(window))) {
                    String gone = authors.get(order.get(start++));
                    if (gone != null && inWindow.merge(gone, -1, Integer::sum) == 0) {
                        inWindow.remove(gone);
                    }
                }
                best = Math.max(best, inWindow.size());
            }
            return best;
        }
    }
}
