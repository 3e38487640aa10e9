package dev.omrest.openmetadata;

import java.util.Arrays;
import java.util.stream.Collectors;

/** OpenMetadata's fully qualified names: parts joined by dots, a part containing a dot wrapped in quotes. */
public final class Fqn {
    private Fqn() {
    }

    public static String build(String... parts) {
        return Arrays.stream(parts).map(Fqn::quote).collect(Collectors.joining("."));
    }

    /**
     * OpenMetadata's quoting of one name: wrapped in double quotes when it contains a dot; a name already wrapped in
     * quotes keeps them only when it contains a dot ({@code "a"} → {@code a}); any other double quote is invalid.
     */
    static String quote(String part) {
        boolean wrapped = part.length() > 2 && part.startsWith("\"") && part.endsWith("\"")
                && part.indexOf('"', 1) == part.length() - 1;
        if (wrapped) {
            String inner = part.substring(1, part.length() - 1);
            return inner.contains(".") ? part : inner;
        }
        if (part.contains("\"")) {
            throw new IllegalArgumentException("Invalid name " + part + ": a name must not contain a double quote");
        }
        return part.contains(".") ? "\"" + part + "\"" : part;
    }
}
