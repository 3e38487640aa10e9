package dev.omrest.map;

import java.util.Locale;

/**
 * OpenAPI type and format to OpenMetadata's {@code dataTypeTopic} for the extended extraction: format-aware where
 * OpenMetadata has a better type, and the original type/format kept as the display text.
 */
final class ExtendedTypes {
    static final String RECORD = "RECORD";
    static final String MAP = "MAP";
    static final String ARRAY = "ARRAY";
    static final String UNION = "UNION";
    static final String NULL = "NULL";
    static final String UNKNOWN = "UNKNOWN";
    static final int MAX_DISPLAY = 256;

    private ExtendedTypes() {
    }

    /**
     * {@code integer}: {@code int64} → LONG, else INT; {@code number}: {@code float} → FLOAT, else DOUBLE;
     * {@code string}: {@code date} → DATE, {@code date-time} → TIMESTAMP, {@code time} → TIME, {@code byte} and
     * {@code binary} → BYTES, else STRING; {@code boolean} → BOOLEAN; {@code null} → NULL; {@code object} → RECORD;
     * {@code array} → ARRAY; anything else UNKNOWN.
     */
    static String dataType(String type, String format) {
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "integer" -> f.equals("int64") || f.equals("uint64") ? "LONG" : "INT";
            case "number" -> f.equals("float") ? "FLOAT" : "DOUBLE";
            case "string" -> switch (f) {
                case "date" -> "DATE";
                case "date-time" -> "TIMESTAMP";
                case "time" -> "TIME";
                case "byte", "binary" -> "BYTES";
                default -> "STRING";
            };
            case "boolean" -> "BOOLEAN";
            case "null" -> NULL;
            case "object" -> RECORD;
            case "array" -> ARRAY;
            default -> UNKNOWN;
        };
    }

    /** {@code type} or {@code type(format)}, as written in the document. */
    static String display(String type, String format) {
        return format == null || format.isEmpty() ? type : type + "(" + format + ")";
    }

    /** The JSON type of a literal ({@code const}, {@code enum} value), or null. */
    static String jsonType(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof java.util.Map<?, ?> || value instanceof com.fasterxml.jackson.databind.node.ObjectNode) {
            return "object";
        }
        if (value instanceof java.util.List<?> || value instanceof com.fasterxml.jackson.databind.node.ArrayNode) {
            return "array";
        }
        return null;
    }

    static String cut(String display) {
        return display.length() <= MAX_DISPLAY ? display : display.substring(0, MAX_DISPLAY - 1) + "…";
    }
}
