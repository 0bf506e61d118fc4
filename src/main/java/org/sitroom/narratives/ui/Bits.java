package org.sitroom.narratives.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sitroom.base.ui.Palette;
import org.sitroom.base.ui.ViewerTime;
import org.sitroom.engine.StoredPost;
import org.sitroom.narratives.NarrativeSummary;
import org.sitroom.narratives.Share;

/** Small pieces the narrative views share. Every piece of post or narrative text is set as text, never markup. */
final class Bits {

    private Bits() {
    }

    static Span swatch(int colour) {
        Span s = new Span();
        s.addClassName("swatch");
        s.getStyle().set("background", Palette.hex(colour));
        s.getElement().setAttribute("aria-hidden", "true");
        return s;
    }

    static Span badge(String text, String variant) {
        Span b = new Span(text);
        b.addClassName("badge");
        if (variant != null) {
            b.addClassName(variant);
        }
        return b;
    }

    static String velocity(double v) {
        return String.format(Locale.ROOT, "×%.1f", v);
    }

    static String languages(List<Share> shares, int max) {
        return shares.stream().limit(max).map(s -> s.key() + " " + s.count()).collect(Collectors.joining(" · "))
                + (shares.size() > max ? " · +" + (shares.size() - max) : "");
    }

    static String theme(NarrativeSummary n, java.util.Map<Integer, String> labels) {
        if (n.theme() < 0) {
            return "–";
        }
        String label = labels.getOrDefault(n.theme(), "");
        return "Theme " + (n.theme() + 1) + (label.isBlank() ? "" : " · " + label);
    }

    /** A figure of the overview strip. */
    static Div figure(String id, String label, String value, String note, String noteClass) {
        Div f = new Div();
        f.addClassName("figure");
        f.setId(id);
        Span l = new Span(label);
        l.addClassName("figure-label");
        Div v = new Div(new Span(value));
        v.addClassName("figure-value");
        v.setId(id + "-value");
        f.add(l, v);
        if (note != null) {
            Div n = new Div(new Span(note));
            n.addClassName("figure-note");
            if (noteClass != null) {
                n.addClassName(noteClass);
            }
            f.add(n);
        }
        return f;
    }

    /** A post as a card: who, when, where, and its text as inert text. */
    static Div postCard(StoredPost p, ZoneId zone) {
        Div card = new Div();
        card.addClassNames("card", "post-card");
        card.getElement().setAttribute("data-post", p.id());
        Span meta = new Span(ViewerTime.format(p.time(), zone) + " · " + (p.author() == null ? "unknown account" : p.author())
                + " · " + (p.language() == null ? "?" : p.language()) + " · " + p.source());
        meta.addClassName("card-meta");
        Paragraph text = new Paragraph();
        text.addClassName("post-text");
        text.setText(p.text());
        card.add(meta, text);
        if (p.url() != null && (p.url().startsWith("https://") || p.url().startsWith("http://"))) {
            Anchor link = new Anchor(p.url(), "Original");
            link.setTarget("_blank");
            link.getElement().setAttribute("rel", "noopener noreferrer nofollow");
            card.add(link);
        }
        return card;
    }

    static HorizontalLayout row(Component... children) {
        HorizontalLayout row = new HorizontalLayout(children);
        row.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
        row.setSpacing(true);
        return row;
    }
}
