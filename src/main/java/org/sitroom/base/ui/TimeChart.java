package org.sitroom.base.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.StandardEntityCollection;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Hourly time charts drawn by JFreeChart into SVG (JFreeSVG), with an overlay of transparent, clickable shapes:
 * each hour of each series carries {@code data-key} (the series key) and a {@code <title>} tooltip, each incident
 * mark in the strip under the chart its own key. Labels from posts or analysts appear only in those tooltips,
 * XML-escaped; the chart itself draws numbers, times and fixed words.
 */
public final class TimeChart {

    /** A series of counts, one per hour of the chart; {@code key} comes back in clicks (null: not clickable). */
    public record Series(String key, String label, Color colour, List<Integer> counts) {
    }

    /** A milestone ({@code from == to}) or an interval such as a burst, shown in the strip under the chart. */
    public record Mark(String key, Instant from, Instant to, String label, boolean interval, String number) {
    }

    public enum Kind {
        /** Stacked areas, e.g. narratives' growth. */
        STACKED,
        /** Bars of one series, e.g. a situation's volume. */
        BARS
    }

    private static final AtomicLong IDS = new AtomicLong();
    private static final Font FONT = new Font("SansSerif", Font.PLAIN, 12);
    private static final Color GRID = new Color(0xe4e7eb);
    private static final Color MILESTONE = new Color(0x1f5f8b);
    private static final Color BURST = new Color(0xd62728);

    private TimeChart() {
    }

    /**
     * The chart as an {@code <svg>} element sized by its view box (scale it with CSS).
     *
     * @param hours start of each hourly bucket (aligned to {@code zone}), oldest first
     */
    public static String render(Kind kind, List<Instant> hours, List<Series> series, List<Mark> marks, ZoneId zone,
                                int width, int height) {
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (int s = 0; s < series.size(); s++) {
            XYSeries xy = new XYSeries(s, false, false);
            List<Integer> counts = series.get(s).counts();
            for (int i = 0; i < hours.size(); i++) {
                xy.add(mid(hours.get(i)), counts.get(i), false);
            }
            data.addSeries(xy);
        }
        data.setIntervalWidth(3_600_000d);

        NumberAxis counts = new NumberAxis("Posts per hour");
        counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        style(counts);
        XYPlot main;
        if (kind == Kind.STACKED) {
            StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
            r.setRoundXCoordinates(false);
            for (int s = 0; s < series.size(); s++) {
                r.setSeriesPaint(s, series.get(s).colour());
            }
            main = new XYPlot(data, null, counts, r);
        } else {
            XYBarRenderer r = new XYBarRenderer(0.12);
            r.setBarPainter(new StandardXYBarPainter());
            r.setShadowVisible(false);
            r.setDrawBarOutline(false);
            for (int s = 0; s < series.size(); s++) {
                r.setSeriesPaint(s, series.get(s).colour());
            }
            main = new XYPlot(data, null, counts, r);
        }
        plotStyle(main);

        XYPlot strip = new XYPlot(new DefaultTableXYDataset(), null, new NumberAxis(),
                new XYLineAndShapeRenderer(false, false));
        strip.getRangeAxis().setVisible(false);
        plotStyle(strip);
        strip.setRangeGridlinesVisible(false);
        for (Mark m : marks) {
            if (m.interval()) {
                IntervalMarker band = new IntervalMarker(m.from().toEpochMilli(), m.to().toEpochMilli());
                band.setPaint(new Color(BURST.getRed(), BURST.getGreen(), BURST.getBlue(), 70));
                strip.addDomainMarker(band, Layer.BACKGROUND);
                IntervalMarker faint = new IntervalMarker(m.from().toEpochMilli(), m.to().toEpochMilli());
                faint.setPaint(new Color(BURST.getRed(), BURST.getGreen(), BURST.getBlue(), 22));
                main.addDomainMarker(faint, Layer.BACKGROUND);
            } else {
                ValueMarker line = new ValueMarker(m.from().toEpochMilli(), MILESTONE, new BasicStroke(2f));
                if (m.number() != null) {
                    line.setLabel(m.number()); // a number, never the title: titles are free text
                    line.setLabelFont(FONT.deriveFont(Font.BOLD, 11f));
                    line.setLabelPaint(MILESTONE);
                    line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                }
                strip.addDomainMarker(line, Layer.FOREGROUND);
                main.addDomainMarker(new ValueMarker(m.from().toEpochMilli(), new Color(0x1f5f8b),
                        new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f)),
                        Layer.FOREGROUND);
            }
        }

        DateAxis time = new DateAxis("Time (" + ViewerTime.label(zone) + ")");
        TimeZone tz = TimeZone.getTimeZone(zone);
        time.setTimeZone(tz);
        Duration span = hours.isEmpty() ? Duration.ZERO : Duration.between(hours.getFirst(), hours.getLast());
        SimpleDateFormat format = new SimpleDateFormat(span.toHours() <= 24 ? "HH:mm" : "EEE HH:mm", Locale.ENGLISH);
        format.setTimeZone(tz);
        time.setDateFormatOverride(format);
        if (!hours.isEmpty()) {
            time.setRange(hours.getFirst().toEpochMilli(), hours.getLast().plus(Duration.ofHours(1)).toEpochMilli());
        }
        style(time);

        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(6);
        combined.add(main, 7);
        combined.add(strip, 1);

        JFreeChart chart = new JFreeChart(null, FONT, combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 4, 2, 10));
        chart.getRenderingHints().put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);

        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix("tc" + IDS.incrementAndGet() + "_");
        ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
        chart.draw(g, new Rectangle(0, 0, width, height), info);
        String svg = g.getSVGElement(null, false, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);

        StringBuilder overlay = new StringBuilder("<g class=\"chart-hits\">");
        for (Object o : info.getEntityCollection().getEntities()) {
            if (o instanceof XYItemEntity e && e.getDataset() == data) {
                Series s = series.get(e.getSeriesIndex());
                Instant hour = hours.get(e.getItem());
                overlay.append("<path class=\"chart-hit\" d=\"").append(Svg.path(hitArea(e))).append('"');
                if (s.key() != null) {
                    overlay.append(" data-key=\"").append(Svg.escape(s.key())).append('"');
                }
                overlay.append("><title>").append(Svg.escape(s.label())).append(" · ")
                        .append(Svg.escape(ViewerTime.hourRange(hour, zone))).append(" · ")
                        .append(s.counts().get(e.getItem())).append(s.counts().get(e.getItem()) == 1 ? " post" : " posts")
                        .append("</title></path>");
            }
        }
        PlotRenderingInfo stripInfo = info.getPlotInfo().getSubplotCount() > 1 ? info.getPlotInfo().getSubplotInfo(1) : null;
        if (stripInfo != null) {
            Rectangle2D area = stripInfo.getDataArea();
            for (Mark m : marks) {
                double x1 = time.valueToJava2D(m.from().toEpochMilli(), area, RectangleEdge.BOTTOM);
                double x2 = time.valueToJava2D(m.to().toEpochMilli(), area, RectangleEdge.BOTTOM);
                double left = Math.max(area.getMinX(), Math.min(x1, x2) - (m.interval() ? 0 : 5));
                double right = Math.min(area.getMaxX(), Math.max(Math.max(x1, x2), left + 10));
                overlay.append("<rect class=\"chart-hit chart-mark\" x=\"").append(Svg.n(left)).append("\" y=\"")
                        .append(Svg.n(area.getMinY())).append("\" width=\"").append(Svg.n(right - left))
                        .append("\" height=\"").append(Svg.n(area.getHeight())).append('"');
                if (m.key() != null) {
                    overlay.append(" data-key=\"").append(Svg.escape(m.key())).append('"');
                }
                overlay.append("><title>").append(Svg.escape((m.number() == null ? "" : m.number() + " · ")
                                + (m.interval() ? ViewerTime.format(m.from(), zone) + "–" + ViewerTime.formatTime(m.to(), zone)
                                : ViewerTime.format(m.from(), zone)) + " · " + m.label()))
                        .append("</title></rect>");
            }
        }
        overlay.append("</g>");
        int end = svg.lastIndexOf("</svg>");
        return svg.substring(0, end) + overlay + svg.substring(end);
    }

    private static java.awt.Shape hitArea(ChartEntity e) {
        return e.getArea();
    }

    private static long mid(Instant hour) {
        return hour.plus(Duration.ofMinutes(30)).toEpochMilli();
    }

    private static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT.deriveFont(11f));
        axis.setLabelPaint(new Color(0x3e4c59));
        axis.setTickLabelPaint(new Color(0x52606d));
        axis.setAxisLinePaint(new Color(0xcbd2d9));
        axis.setTickMarkPaint(new Color(0xcbd2d9));
    }

    private static void plotStyle(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }
}
