package org.sitroom.narratives;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.sitroom.engine.HourCount;

/** Dense hourly series from sparse epoch-hour tallies, and windows of them. */
final class Hours {

    private Hours() {
    }

    /** Every hour from the first to the last tallied one, empty hours as 0. */
    static List<HourCount> dense(NavigableMap<Long, Integer> hours) {
        if (hours.isEmpty()) {
            return List.of();
        }
        List<HourCount> out = new ArrayList<>();
        for (long h = hours.firstKey(); h <= hours.lastKey(); h++) {
            out.add(new HourCount(Instant.ofEpochSecond(h * 3600), hours.getOrDefault(h, 0)));
        }
        return List.copyOf(out);
    }

    /** Counts of a dense UTC series at the given hour starts (0 outside it). */
    static List<Integer> at(List<HourCount> dense, List<Instant> hours) {
        List<Integer> out = new ArrayList<>(hours.size());
        if (dense.isEmpty()) {
            hours.forEach(h -> out.add(0));
            return out;
        }
        long first = dense.getFirst().hour().getEpochSecond() / 3600;
        for (Instant h : hours) {
            long i = h.getEpochSecond() / 3600 - first;
            out.add(i >= 0 && i < dense.size() ? dense.get((int) i).count() : 0);
        }
        return out;
    }

    /** Shares, most first, ties by key. */
    static List<Share> shares(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Share(e.getKey(), e.getValue())).toList();
    }
}
