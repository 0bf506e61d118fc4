package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.sitroom.narratives.NarrativeSummary;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Charts are well-formed SVG whatever the labels say; every part is clickable and explained by a tooltip. */
class TimeChartTest {

    private static final String XSS = "<script>alert('x')</script> & <img src=x onerror=alert(1)> \u202Egpj.exe";

    private static List<Instant> hours(int n) {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Instant.parse("2026-03-14T22:00:00Z").plus(Duration.ofHours(i)));
        }
        return out;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void labelsFromPostsAreEscapedAndTheSvgStaysWellFormed() throws Exception {
        List<Instant> hours = hours(6);
        String svg = TimeChart.render(TimeChart.Kind.STACKED, hours,
                List.of(new TimeChart.Series("n-1", XSS, Color.RED, List.of(1, 4, 9, 3, 0, 2)),
                        new TimeChart.Series(null, "Other narratives", Color.GRAY, List.of(2, 2, 2, 2, 2, 2))),
                List.of(new TimeChart.Mark("m:1", hours.get(2), hours.get(2), XSS, false, "1"),
                        new TimeChart.Mark("b:1", hours.get(3), hours.get(4), "Burst", true, null)),
                ZoneId.of("Europe/Athens"), 900, 320);

        assertThat(svg).doesNotContain("<script", "<img").contains("&lt;script&gt;", "onerror=alert(1)&gt;");
        Document doc = parse(svg); // throws if an unescaped label broke the markup
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(doc.getElementsByTagNameNS("*", "img").getLength()).isZero();
    }

    @Test
    void everyHourOfEverySeriesIsAClickablePartWithATooltip() throws Exception {
        List<Instant> hours = hours(4);
        String svg = TimeChart.render(TimeChart.Kind.STACKED, hours,
                List.of(new TimeChart.Series("n-a", "Alpha", Color.RED, List.of(1, 2, 3, 4)),
                        new TimeChart.Series("n-b", "Beta", Color.BLUE, List.of(4, 3, 2, 1))),
                List.of(), ZoneId.of("UTC"), 800, 300);
        Document doc = parse(svg);
        NodeList paths = doc.getElementsByTagNameNS("*", "path");
        int a = 0;
        int b = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            org.w3c.dom.Element p = (org.w3c.dom.Element) paths.item(i);
            if ("n-a".equals(p.getAttribute("data-key"))) {
                a++;
                assertThat(p.getElementsByTagNameNS("*", "title").item(0).getTextContent()).startsWith("Alpha · ");
            } else if ("n-b".equals(p.getAttribute("data-key"))) {
                b++;
            }
        }
        assertThat(a).isEqualTo(4);
        assertThat(b).isEqualTo(4);
        assertThat(svg).contains("Sat 14 Mar 22:00–23:00 · 1 post<").contains("Time (UTC)");
    }

    @Test
    void barsAndMarksWork() throws Exception {
        List<Instant> hours = hours(3);
        String svg = TimeChart.render(TimeChart.Kind.BARS, hours,
                List.of(new TimeChart.Series(null, "All posts", Color.DARK_GRAY, List.of(10, 50, 12))),
                List.of(new TimeChart.Mark("milestone:7", hours.get(1), hours.get(1), "Captain", false, "1")),
                ZoneId.of("UTC"), 800, 300);
        Document doc = parse(svg);
        NodeList rects = doc.getElementsByTagNameNS("*", "rect");
        boolean found = false;
        for (int i = 0; i < rects.getLength(); i++) {
            found |= "milestone:7".equals(((org.w3c.dom.Element) rects.item(i)).getAttribute("data-key"));
        }
        assertThat(found).isTrue();
    }

    @Test
    void sparklinesAreNumbersOnly() {
        assertThat(Sparkline.points(List.of(0, 5, 10), 100, 20)).isEqualTo("0.0,19.0 50.0,10.0 100.0,1.0");
        assertThat(Sparkline.points(List.of(0, 0), 10, 10)).isEqualTo("0.0,9.0 10.0,9.0");
        assertThat(Sparkline.svg(List.of(1), "#fff", 10, 10, XSS)).doesNotContain("<script");
    }

    @Test
    void escapeHandlesMarkupQuotesAndCharactersXmlCannotHold() {
        assertThat(Svg.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Svg.escape("bell\u0007 ok")).isEqualTo("bell ok");
        assertThat(Svg.escape("\u202Egpj.exe")).isEqualTo("\u202Egpj.exe");
        assertThat(Svg.escape(null)).isEmpty();
    }

    @Test
    void thePaletteHasAColourForEveryNarrativeSlot() {
        assertThat(Palette.size()).isEqualTo(NarrativeSummary.COLOUR_SLOTS);
    }
}
