package dev.omrest.emulator;

import java.util.List;

/** The request bodies the emulator accepts, with their contract rules and upstream schema. */
enum BodyKind {
    SERVICE("CreateApiService", "api/services/createApiService.json", List.of("name", "serviceType"),
            List.of("name", "displayName", "description", "serviceType", "connection", "tags", "owners",
                    "dataProducts", "domain", "ingestionRunner")),
    COLLECTION("CreateAPICollection", "api/data/createAPICollection.json", List.of("name", "service"),
            List.of("name", "displayName", "description", "endpointURL", "apiEndpoints", "tags", "owners",
                    "service", "extension", "domain", "dataProducts", "lifeCycle", "sourceHash")),
    ENDPOINT("CreateAPIEndpoint", "api/data/createAPIEndpoint.json", List.of("name", "apiCollection"),
            List.of("name", "displayName", "description", "apiCollection", "endpointURL", "requestMethod",
                    "requestSchema", "responseSchema", "owners", "tags", "extension", "sourceUrl", "domains",
                    "dataProducts", "lifeCycle", "sourceHash")),
    DELETE_STALE("BulkDeleteStaleRequest", "type/bulkDeleteStaleRequest.json",
            List.of("scopeFqn", "scopeEntityType", "seenFqns"),
            List.of("scopeFqn", "scopeEntityType", "seenFqns", "dryRun", "hardDelete", "recursive")),
    RESTORE("RestoreEntity", null, List.of("id"), List.of("id")),
    PIPELINE_STATUS("PipelineStatus", null, List.of("runId", "pipelineState"), null),
    CREATE_PIPELINE("CreateIngestionPipeline", null,
            List.of("name", "pipelineType", "sourceConfig", "airflowConfig", "service"),
            List.of("name", "displayName", "description", "pipelineType", "sourceConfig", "airflowConfig",
                    "loggerLevel", "raiseOnError", "service", "owners", "provider", "domains", "processingEngine",
                    "enableStreamableLogs")),
    CREATE_WORKFLOW("CreateWorkflow", null, List.of("name", "workflowType", "request"),
            List.of("name", "displayName", "description", "workflowType", "request", "status", "response", "owners",
                    "domains"));

    final String title;
    /** The upstream schema file under {@code openmetadata-schemas}; null = contract rules only. */
    final String schema;
    final List<String> required;
    final List<String> allowed; // null = any top-level property

    BodyKind(String title, String schema, List<String> required, List<String> allowed) {
        this.title = title;
        this.schema = schema;
        this.required = required;
        this.allowed = allowed;
    }
}
