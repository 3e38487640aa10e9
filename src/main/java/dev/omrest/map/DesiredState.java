package dev.omrest.map;

import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.outcome.Notice;

import java.util.List;

/**
 * What OpenMetadata should hold for this spec, in write order.
 *
 * @param operations every operation in the document, before filters (0 means the spec describes nothing)
 * @param collectionFailures collections that could not be built (invalid names and such); the others go on
 * @param endpointFailures   endpoints that could not be built
 */
public record DesiredState(
        CreateApiService service,
        List<Mapped<CreateApiCollection>> collections,
        List<Mapped<CreateApiEndpoint>> endpoints,
        int operations,
        int filteredCollections,
        int filteredEndpoints,
        List<Notice> warnings,
        List<Notice> collectionFailures,
        List<Notice> endpointFailures) {

    /** A create request with the FQN the server will give it. */
    public record Mapped<T>(String fqn, T request) {
    }
}
