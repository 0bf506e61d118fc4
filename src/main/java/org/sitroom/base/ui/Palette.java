package org.sitroom.base.ui;

import java.awt.Color;

/**
 * Colours of narratives, the same in every chart, list and badge. A narrative keeps its slot (assigned by the
 * narrative model from a stable hash of its id, as many slots as colours here); "other" and "all posts" are grey. Twenty colours that stay apart
 * on white, from the Tableau 20 and Okabe-Ito sets.
 */
public final class Palette {

    private static final String[] HEX = {
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
            "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#aec7e8", "#ffbb78", "#98df8a",
            "#ff9896", "#c5b0d5"};

    /** For "other narratives" and whole-situation series. */
    public static final String OTHER = "#9aa5b1";
    public static final String ALL = "#52606d";

    private Palette() {
    }

    public static int size() {
        return HEX.length;
    }

    /** The colour of a slot, as CSS hex; negative slots are grey. */
    public static String hex(int slot) {
        return slot < 0 ? OTHER : HEX[slot % HEX.length];
    }

    public static Color awt(int slot) {
        return Color.decode(hex(slot));
    }
}
