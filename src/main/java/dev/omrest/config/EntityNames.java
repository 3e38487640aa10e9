package dev.omrest.config;

/** The limits OpenMetadata puts on names ({@code basic.json#/definitions/entityName} and {@code schema.json#/definitions/fieldName}). */
public final class EntityNames {
    public static final int MAX_ENTITY_NAME = 256;
    public static final int MAX_FIELD_NAME = 128;

    /** The characters {@code .} does not match in the server's name pattern {@code ^((?!::).)*$}. */
    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("[\n\r\u0085\u2028\u2029]");

    private EntityNames() {
    }

    /** Why OpenMetadata would refuse this entity name, or null when it is acceptable. */
    public static String entityNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is empty";
        }
        if (name.length() > MAX_ENTITY_NAME) {
            return "name is longer than " + MAX_ENTITY_NAME + " characters";
        }
        if (name.contains("::")) {
            return "name must not contain '::'";
        }
        if (LINE_BREAK.matcher(name).find()) {
            return "name must not contain a line break";
        }
        boolean wrapped = name.length() > 2 && name.startsWith("\"") && name.indexOf('"', 1) == name.length() - 1;
        if (name.contains("\"") && !wrapped) {
            return "name must not contain a double quote (other than quotes around the whole name)";
        }
        return null;
    }

    /** Why OpenMetadata would refuse this schema field name, or null when it is acceptable. */
    public static String fieldNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "field name is empty";
        }
        if (name.length() > MAX_FIELD_NAME) {
            return "field name '" + name.substring(0, 40) + "…' is longer than " + MAX_FIELD_NAME + " characters";
        }
        return null;
    }
}
