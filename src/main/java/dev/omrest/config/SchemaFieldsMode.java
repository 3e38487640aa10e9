package dev.omrest.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * How request and response schema fields are extracted ({@code source.sourceConfig.config.schemaFields}).
 * Entity names, FQNs, collections and URLs are the same in both modes; only the fields differ.
 */
public enum SchemaFieldsMode {
    /** The full extraction: compositions, inline bodies, form bodies, format-aware types, external refs (default). */
    EXTENDED("extended"),
    /** Upstream's field extraction, unchanged (docs/compatibility.md rows 9–13 are its only changes). */
    UPSTREAM("upstream");

    private final String text;

    SchemaFieldsMode(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The mode named {@code text}, or null when there is none. */
    public static SchemaFieldsMode fromText(String text) {
        return Arrays.stream(values()).filter(m -> m.text.equals(text.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }
}
