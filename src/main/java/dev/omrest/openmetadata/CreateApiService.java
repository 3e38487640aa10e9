package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of {@code PUT /v1/services/apiServices}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateApiService(String name, String serviceType, Connection connection) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connection(ObjectNode config) {
    }
}
