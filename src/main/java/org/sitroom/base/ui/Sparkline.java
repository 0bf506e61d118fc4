package org.sitroom.base.ui;

import java.util.List;
import java.util.Locale;

/**
 * Tiny trend lines for lists and grids: an SVG polyline drawn by hand (a chart library per grid row would cost
 * more than the row), made only of numbers and a palette colour, so nothing from posts can get into it.
 */
public final class Sparkline {

    private Sparkline() {
    }

    /** Points of a polyline in a {@code width x height} box, highest count at the top; flat line when all zero. */
    public static String points(List<Integer> counts, int width, int height) {
        if (counts.isEmpty()) {
            return "";
        }
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        double step = counts.size() == 1 ? 0 : (double) width / (counts.size() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            double x = i * step;
            double y = height - 1 - (height - 2) * counts.get(i) / (double) max;
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return sb.toString().strip();
    }

    /** A whole inline SVG, with an accessible label of the numbers. */
    public static String svg(List<Integer> counts, String colour, int width, int height, String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + Svg.escape(label)
                + "\"><polyline fill=\"none\" stroke=\"" + Svg.escape(colour) + "\" stroke-width=\"1.5\" points=\""
                + points(counts, width, height) + "\"/></svg>";
    }
}
