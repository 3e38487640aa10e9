package dev.omrest.map;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Locale;
import java.util.Map;

/** Which body schema of a {@code content} map describes the JSON payload. */
final class MediaTypes {
    private MediaTypes() {
    }

    /**
     * {@code application/json}, else the first other JSON type ({@code +json}, {@code ;charset=}), else {@code *}{@code /*},
     * else the first media type with a schema (a converted Swagger 2.0 body carries its {@code consumes} types, and
     * upstream reads such a body whatever they are).
     */
    static Schema<?> jsonSchema(Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        MediaType exact = content.get("application/json");
        if (exact != null && exact.getSchema() != null) {
            return exact.getSchema();
        }
        for (Map.Entry<String, MediaType> entry : content.entrySet()) {
            String type = entry.getKey().toLowerCase(Locale.ROOT);
            if (type.contains("json") && entry.getValue() != null && entry.getValue().getSchema() != null) {
                return entry.getValue().getSchema();
            }
        }
        MediaType any = content.get("*/*");
        if (any != null && any.getSchema() != null) {
            return any.getSchema();
        }
        return content.values().stream().filter(m -> m != null && m.getSchema() != null).map(MediaType::getSchema)
                .findFirst().orElse(null);
    }
}
