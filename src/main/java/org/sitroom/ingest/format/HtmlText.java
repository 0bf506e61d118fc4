package org.sitroom.ingest.format;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces HTML (feed items, Mastodon statuses) to the text a reader sees: markup goes, paragraphs and line breaks
 * stay as newlines, entities are decoded. Script and style contents are not text and vanish; an escaped
 * {@code &lt;script&gt;} is text and stays as {@code <script>}.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "tr", "table", "section", "article", "header", "footer", "dd", "dt", "figure",
            "figcaption", "hr");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\n\\u00A0]+");
    private static final Pattern SPACE_BEFORE_NEWLINE = Pattern.compile(" *\n *");
    private static final Pattern MANY_NEWLINES = Pattern.compile("\n{3,}");

    private HtmlText() {
    }

    /** The visible text of an HTML fragment; null stays null. */
    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip();
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        StringBuilder out = new StringBuilder(html.length());
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(SPACES.matcher(text.getWholeText()).replaceAll(" "));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(tag)) {
                        out.append("\n\n");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        }, body);
        String text = SPACE_BEFORE_NEWLINE.matcher(out).replaceAll("\n");
        return MANY_NEWLINES.matcher(text).replaceAll("\n\n").strip();
    }
}
