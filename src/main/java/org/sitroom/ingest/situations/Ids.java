package org.sitroom.ingest.situations;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Situation and source ids: short, lower-case, URL-safe, and never with ':' (post ids are {@code source:id}). */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Ids() {
    }

    /** The problem with an id, or null when it is fine. */
    public static String problem(String id) {
        if (id == null || id.isBlank()) {
            return "an id is required";
        }
        if (!VALID.matcher(id).matches()) {
            return "id '" + id + "' must be 1 to 64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit"
                    + (id.contains(":") ? " (':' separates source and post id)" : "");
        }
        return null;
    }

    /** An id made from a name: {@code "Naval encounter"} becomes {@code naval-encounter}. */
    public static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "situation";
        }
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }
}
