package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/** Body of {@code PUT /v1/services/apiServices}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateApiService(String name, String serviceType, Connection connection) {

    /** What a server before 1.12.2 accepts in a flat {@code RestConnection} ({@code additionalProperties: false}). */
    private static final List<String> FLAT_KEYS = List.of("type", "token", "docURL", "apiCollectionFilterPattern",
            "supportsMetadataExtraction");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connection(ObjectNode config) {
    }

    /**
     * This request in the connection shape the server's schema has: unchanged for 1.12.2 and later; for older servers
     * the flat form, the spec location moved to {@code openAPISchemaURL} (a file path as a {@code file:} URI, S3 by its
     * URL) and the keys those servers do not know left out.
     */
    public CreateApiService forServer(ServerVersion version) {
        if (version.hasSchemaConnection() || connection == null || connection.config() == null) {
            return this;
        }
        ObjectNode current = connection.config();
        ObjectNode flat = current.objectNode();
        FLAT_KEYS.forEach(key -> {
            if (current.has(key)) {
                flat.set(key, current.get(key).deepCopy());
            }
        });
        JsonNode location = current.path("openAPISchemaConnection");
        String url = location.path("openAPISchemaURL").asText(null);
        if (url == null && location.hasNonNull("openAPISchemaFilePath")) {
            url = Path.of(location.get("openAPISchemaFilePath").asText()).toAbsolutePath().toUri().toString();
        }
        if (url == null) {
            url = location.path("openAPISchemaS3URL").asText(null);
        }
        if (url != null) {
            flat.put("openAPISchemaURL", url);
        }
        return new CreateApiService(name, serviceType, new Connection(flat));
    }
}
