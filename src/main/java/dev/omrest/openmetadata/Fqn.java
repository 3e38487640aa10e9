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

    static String quote(String part) {
        if (part.length() > 1 && part.startsWith("\"") && part.endsWith("\"")
                && part.indexOf('"', 1) == part.length() - 1) {
            return part;
        }
        if (part.contains("\"")) {
            throw new IllegalArgumentException("Invalid name " + part + ": a name must not contain a double quote");
        }
        return part.contains(".") ? "\"" + part + "\"" : part;
    }
}
