package dev.omrest.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated payload: everything one ingestion run needs, already checked.
 *
 * @param markDeletedApiEndpoints soft-delete endpoints gone from collections that still exist (not in upstream)
 * @param deletionGuardMaxShare   the largest share of the service's endpoints one run may mark deleted
 * @param allowMassDeletion       lift that limit
 * @param ingestionPipelineFqn    the deployed pipeline whose status this run reports, or null
 * @param pipelineRunId           the run id that status is recorded under (upstream's {@code pipelineRunId}), or null
 *                                for a fresh one
 * @param enableStreamableLogs    the run's lines go to the server's log storage too (upstream's streamable logs)
 * @param schemaFields            how request and response fields are extracted ({@code extended} or {@code upstream})
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
        boolean markDeletedApiEndpoints,
        double deletionGuardMaxShare,
        boolean allowMassDeletion,
        boolean overrideMetadata,
        SinkTarget sink,
        ObjectNode serviceConnection,
        String ingestionPipelineFqn,
        String pipelineRunId,
        boolean enableStreamableLogs,
        SchemaFieldsMode schemaFields,
        UnchangedCheck unchangedCheck) {
}
