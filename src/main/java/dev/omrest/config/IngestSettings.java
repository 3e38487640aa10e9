package dev.omrest.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated payload: everything one ingestion run needs, already checked.
 *
 * @param serviceConnection the connection config sent with a new API service (current upstream form,
 *                          defaults filled), or null when {@code storeServiceConnection} is false
 */
public record IngestSettings(
        String serviceName,
        SpecLocation spec,
        String docUrl,
        NameFilter collectionFilter,
        NameFilter endpointFilter,
        boolean markDeletedApiCollections,
        boolean overrideMetadata,
        SinkTarget sink,
        ObjectNode serviceConnection) {
}
