package dev.omrest.emulator;

import java.util.StringJoiner;

/**
 * OpenMetadata's fully-qualified-name rule, implemented independently of the product: a name part that
 * contains {@code .} is wrapped in double quotes; a part already wrapped in quotes keeps them only when it contains a
 * dot; any other {@code "} is invalid.
 */
public final class Fqn {

    private Fqn() {
    }

    /**
     * @return {@code name} itself, or {@code "name"} when it contains a dot
     * @throws IllegalArgumentException when the name is null, empty or contains a double quote
     */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Invalid name: a name must not be empty");
        }
        if (name.length() > 2 && name.startsWith("\"") && name.endsWith("\"") && name.indexOf('"', 1) == name.length() - 1) {
            String inner = name.substring(1, name.length() - 1);
            return inner.indexOf('.') >= 0 ? name : inner;
        }
        if (name.indexOf('"') >= 0) {
            throw new IllegalArgumentException("Invalid name " + name + ": a name must not contain '\"'");
        }
        return name.indexOf('.') >= 0 ? '"' + name + '"' : name;
    }

    /** Quotes every part and joins them with dots: {@code build("svc", "v1.2")} = {@code svc."v1.2"}. */
    public static String build(String... parts) {
        StringJoiner joiner = new StringJoiner(".");
        for (String part : parts) {
            joiner.add(quote(part));
        }
        return joiner.toString();
    }

    /** Appends one (quoted) name to an already built FQN. */
    public static String child(String parentFqn, String name) {
        return parentFqn + "." + quote(name);
    }
}
