package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import io.swagger.v3.oas.models.Operation;

import java.util.function.Consumer;

/** The request and response schema of one operation, by one of the two field extractions. */
interface EndpointSchemas {
    ApiSchema request(String path, String method, Operation operation, Consumer<String> warn);

    ApiSchema response(String path, String method, Operation operation, Consumer<String> warn);

    /**
     * The property whose fields the response schema lists instead of the body's own, or null: upstream's rule for a
     * body wrapping a referenced schema in {@code data} ({@link OperationSchemas}).
     */
    default String responseEnvelope(String path, String method, Operation operation) {
        return null;
    }
}
