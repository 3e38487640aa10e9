package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code PUT /v1/apiEndpoints} (CreateAPIEndpoint). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateApiEndpoint(String name, String displayName, String description, String endpointURL,
                                String requestMethod, ApiSchema requestSchema, ApiSchema responseSchema,
                                String apiCollection, String sourceHash) implements CuratedFields {

    public CreateApiEndpoint withSourceHash(String hash) {
        return new CreateApiEndpoint(name, displayName, description, endpointURL, requestMethod, requestSchema,
                responseSchema, apiCollection, hash);
    }
}
