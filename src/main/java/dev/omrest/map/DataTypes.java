package dev.omrest.map;

import io.swagger.v3.oas.models.media.Schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** OpenAPI type and format to OpenMetadata's {@code dataTypeTopic}, by upstream's rules. */
final class DataTypes {
    static final String ARRAY = "ARRAY";
    static final String UNKNOWN = "UNKNOWN";
    private static final Set<String> TOPIC_TYPES = Set.of("RECORD", "NULL", "BOOLEAN", "INT", "LONG", "BYTES", "FLOAT",
            "DOUBLE", "TIMESTAMP", "TIMESTAMPZ", "TIME", "DATE", "STRING", "ARRAY", "MAP", "ENUM", "UNION", "FIXED",
            "ERROR", "UNKNOWN");

    private DataTypes() {
    }

    /** The schema's declared type: a string (OAS 3.0, Swagger 2.0) or the type list of OAS 3.1; null when absent. */
    static Object declaredType(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        Set<String> types = schema.getTypes();
        if (types != null && !types.isEmpty()) {
            return types.size() == 1 ? types.iterator().next() : List.copyOf(types);
        }
        String type = schema.getType();
        return type == null || type.isEmpty() ? null : type;
    }

    static String of(Schema<?> schema) {
        return schema == null ? UNKNOWN : map(declaredType(schema), schema.getFormat());
    }

    static String map(Object type, String format) {
        if (type instanceof List<?> list) {
            List<?> remaining = list.stream()
                    .filter(t -> t instanceof String s && !s.equalsIgnoreCase("null"))
                    .toList();
            type = remaining.size() == 1 ? remaining.get(0) : null;
        }
        if (!(type instanceof String name) || name.isEmpty()) {
            return UNKNOWN;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("number") && format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            if (f.equals("float")) {
                return "FLOAT";
            }
            if (f.equals("double")) {
                return "DOUBLE";
            }
        }
        if (lower.equals("integer")) {
            return "INT";
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return TOPIC_TYPES.contains(upper) ? upper : UNKNOWN;
    }
}
