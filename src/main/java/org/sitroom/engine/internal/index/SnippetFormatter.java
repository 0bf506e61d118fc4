package org.sitroom.engine.internal.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's best passage into a {@link PostHit.Snippet}: plain text plus offsets, because markup built
 * here would have to be escaped correctly by every consumer, and the UI renders text inert anyway.
 */
final class SnippetFormatter extends PassageFormatter {

    @Override
    public Object format(Passage[] passages, String content) {
        if (passages.length == 0) {
            return null;
        }
        Passage p = passages[0];
        int start = p.getStartOffset();
        int end = Math.min(p.getEndOffset(), content.length());
        int[][] ranges = new int[p.getNumMatches()][];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = new int[] {p.getMatchStarts()[i], p.getMatchEnds()[i]};
        }
        java.util.Arrays.sort(ranges, java.util.Comparator.comparingInt((int[] r) -> r[0]));
        List<PostHit.Snippet.Match> matches = new ArrayList<>();
        int lastEnd = -1;
        for (int[] r : ranges) {
            int ms = Math.max(r[0], start) - start;
            int me = Math.min(r[1], end) - start;
            // Overlapping matches (e.g. a phrase and its terms) are merged so the ranges stay disjoint.
            if (!matches.isEmpty() && ms <= lastEnd) {
                PostHit.Snippet.Match last = matches.removeLast();
                me = Math.max(me, last.end());
                ms = last.start();
            }
            if (me > ms) {
                matches.add(new PostHit.Snippet.Match(ms, me));
                lastEnd = me;
            }
        }
        return new PostHit.Snippet(content.substring(start, end), start, matches);
    }
}
