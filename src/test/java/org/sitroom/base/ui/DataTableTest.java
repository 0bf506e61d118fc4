package org.sitroom.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.dom.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hidden table holds no rows until it is shown; unchanged numbers leave the drawn rows alone. */
class DataTableTest {

    private static final List<String> HEADERS = List.of("Hour", "Posts");
    private static final List<List<String>> ROWS = List.of(List.of("10:00", "3"), List.of("11:00", "<b>5</b>"));

    private static Element table(DataTable t) {
        return t.getElement().getChild(0);
    }

    @Test
    void rowsAreDrawnWhenTheTableIsShownAndNotBefore() {
        DataTable t = new DataTable("Posts per hour");
        t.setVisible(false);
        t.setData(HEADERS, ROWS);
        assertThat(table(t).getChildCount()).as("only the caption while hidden").isEqualTo(1);

        t.setVisible(true);

        assertThat(table(t).getChildCount()).isEqualTo(3); // caption, thead, tbody
        Element body = table(t).getChild(2);
        assertThat(body.getChildCount()).isEqualTo(2);
        assertThat(body.getChild(1).getChild(1).getText()).isEqualTo("<b>5</b>"); // text, never markup
        assertThat(body.getChild(1).getChild(1).getChildCount()).isEqualTo(1);
        assertThat(body.getChild(1).getChild(1).getChild(0).isTextNode()).isTrue();
    }

    @Test
    void theSameNumbersAgainKeepTheRowsAndNewOnesReplaceThem() {
        DataTable t = new DataTable("Posts per hour");
        t.setData(HEADERS, ROWS);
        Element body = table(t).getChild(2);

        t.setData(List.copyOf(HEADERS), List.of(List.of("10:00", "3"), List.of("11:00", "<b>5</b>")));
        assertThat(table(t).getChild(2)).isEqualTo(body); // the same node

        t.setData(HEADERS, List.of(List.of("10:00", "4")));
        assertThat(table(t).getChild(2)).isNotEqualTo(body);
        assertThat(table(t).getChild(2).getChildCount()).isEqualTo(1);
        assertThat(table(t).getChildCount()).isEqualTo(3);
    }
}
