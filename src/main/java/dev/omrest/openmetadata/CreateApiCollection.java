package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code PUT /v1/apiCollections} (CreateAPICollection). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateApiCollection(String name, String description, String service, String endpointURL,
                                  String sourceHash) implements CuratedFields {

    public CreateApiCollection withSourceHash(String hash) {
        return new CreateApiCollection(name, description, service, endpointURL, hash);
    }
}
