package dev.omrest.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The connector contract every request body must meet: JSON of the right content type, no null-valued properties,
 * known properties only, valid names, data types, methods and states; then, when the shared folder is there, the
 * upstream JSON schema through {@link SchemaValidator}. A rejected body is an {@link ApiError#violation} (or, for a
 * bulk item, a reported problem), which the emulator lists in {@link OpenMetadataEmulator#contractViolations()}.
 */
final class ContractChecks {
    static final List<String> DATA_TYPES = List.of("RECORD", "NULL", "BOOLEAN", "INT", "LONG", "BYTES", "FLOAT",
            "DOUBLE", "TIMESTAMP", "TIMESTAMPZ", "TIME", "DATE", "STRING", "ARRAY", "MAP", "ENUM", "UNION", "FIXED",
            "ERROR", "UNKNOWN");
    static final List<String> REQUEST_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "CONNECT",
            "OPTIONS", "TRACE");
    static final List<String> PIPELINE_STATES = List.of("queued", "running", "success", "failed", "partialSuccess",
            "stopped");
    static final List<String> PIPELINE_TYPES = List.of("metadata", "usage", "lineage", "profiler",
            "autoClassification", "TestSuite", "dataInsight", "elasticSearchReindex", "dbt", "application", "policyAgent");
    static final List<String> LOGGER_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    static final List<String> WORKFLOW_TYPES = List.of("TEST_CONNECTION", "REVERSE_INGESTION", "QUERY_RUNNER",
            "TEST_SPARK_ENGINE_CONNECTION");
    static final List<String> WORKFLOW_STATUSES = List.of("Pending", "Successful", "Failed", "Running");
    /** CreateIngestionPipeline members a 1.6 server does not know (its schema forbids unknown members). */
    static final List<String> PIPELINE_MEMBERS_SINCE_2_0 = List.of("enableStreamableLogs", "processingEngine");
    /** AirflowConfig's members (the schema forbids others). */
    static final List<String> AIRFLOW_CONFIG = List.of("pausePipeline", "concurrency", "startDate", "endDate",
            "pipelineTimezone", "retries", "retryDelay", "pipelineCatchup", "scheduleInterval", "maxActiveRuns",
            "workflowTimeout", "workflowDefaultView", "workflowDefaultViewOrientation", "email");

    /**
     * The properties of a 1.6 server's {@code RestConnection}: OpenMetadata 1.6 had a required top-level
     * {@code openAPISchemaURL} (no {@code openAPISchemaConnection}, {@code additionalProperties: false}); see the
     * model generated from that schema in openmetadata-ingestion 1.6.9.0
     * ({@code metadata/generated/schema/entity/services/connections/api/restConnection.py}). The upstream
     * 1.6.9 Python connector sends this shape; the current schemas in the shared folder reject it.
     */
    static final List<String> LEGACY_REST_CONNECTION = List.of("type", "openAPISchemaURL", "token", "docURL",
            "apiCollectionFilterPattern", "supportsMetadataExtraction");

    /** Entity members a JSON Patch may not touch: the server owns them. */
    static final Set<String> SYSTEM_FIELDS =
            Set.of("id", "fullyQualifiedName", "version", "updatedAt", "updatedBy", "href", "deleted", "changeDescription",
                    "incrementalChangeDescription");

    /** basic.json#/definitions/entityName's pattern, read the way the server's Java regex reads it. */
    private static final Pattern ENTITY_NAME = Pattern.compile("^((?!::).)*$");

    private final OpenMetadataEmulator.Mode mode;
    private final Optional<SchemaValidator> schemas;

    ContractChecks(OpenMetadataEmulator.Mode mode, Optional<SchemaValidator> schemas) {
        this.mode = mode;
        this.schemas = schemas;
    }

    boolean schemaValidationEnabled() {
        return schemas.isPresent();
    }

    // ------------------------------------------------------------------------------------------------
    // Whole bodies

    /** Parses and validates a single-object body; throws a 400 violation when it breaks a rule. */
    ObjectNode parseObject(String contentType, String body, BodyKind kind) {
        JsonNode node = parseJson(contentType, body);
        String problem = validateBody(kind, node);
        if (problem != null) {
            throw ApiError.violation(400, problem);
        }
        return (ObjectNode) node;
    }

    JsonNode parseJson(String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw ApiError.violation(415, "HTTP 415 Unsupported Media Type (Content-Type " + contentType
                    + "; expected application/json)");
        }
        if (body.isBlank()) {
            throw ApiError.violation(400, "contract: request body is empty");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.violation(400, "contract: request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * A bulk PUT's items, after the rules on the whole request: a JSON array, at most
     * {@link OpenMetadataEmulator#MAX_BULK_ITEMS} items, never {@code async=true}. The items themselves are checked one
     * by one with {@link #validateBody}, since one bad item fails alone.
     */
    ArrayNode bulkItems(String contentType, String body, BodyKind kind, Query query) {
        JsonNode node = parseJson(contentType, body);
        if (!node.isArray()) {
            throw ApiError.violation(400, "contract: bulk body must be a JSON array of " + kind.title + ", got "
                    + node.getNodeType());
        }
        if (node.size() > OpenMetadataEmulator.MAX_BULK_ITEMS) {
            throw ApiError.violation(413, "contract: bulk request with " + node.size() + " items exceeds the limit of "
                    + OpenMetadataEmulator.MAX_BULK_ITEMS);
        }
        if (query.bool("async", false)) {
            throw ApiError.violation(400, "contract: async=true is not supported (the connector must send async=false)");
        }
        return (ArrayNode) node;
    }

    /** The content type a JSON Patch must come with; checked before the entity is looked up, as the server does. */
    static void requireJsonPatch(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json-patch+json")) {
            throw ApiError.violation(415, "HTTP 415 Unsupported Media Type (Content-Type " + contentType
                    + "; expected application/json-patch+json)");
        }
    }

    /** A JSON Patch body: an array of operations (each one is checked by {@link #checkPatchOperation}). */
    ArrayNode patchOperations(String contentType, String body) {
        JsonNode ops = parseJson(contentType, body);
        if (!ops.isArray()) {
            throw ApiError.violation(400, "contract: a JSON Patch body must be an array of operations");
        }
        return (ArrayNode) ops;
    }

    /** One operation: add/replace/remove/test of a top-level member the server does not own. */
    static void checkPatchOperation(JsonNode op) {
        String path = op.path("path").asText("");
        if (!path.startsWith("/") || path.indexOf('/', 1) > 0 || SYSTEM_FIELDS.contains(path.substring(1))) {
            throw ApiError.violation(400, "contract: unsupported JSON Patch path " + path);
        }
        if (!List.of("add", "replace", "remove", "test").contains(op.path("op").asText())) {
            throw ApiError.violation(400, "contract: unsupported JSON Patch op " + op.path("op"));
        }
    }

    /** @return null when valid, else {@code contract: ...} or {@code schema <file>: ...} */
    String validateBody(BodyKind kind, JsonNode node) {
        String contract = checkContract(kind, node);
        if (contract != null) {
            return "contract: " + contract;
        }
        if (mode == OpenMetadataEmulator.Mode.V1_6 && kind == BodyKind.CREATE_PIPELINE) {
            for (String member : PIPELINE_MEMBERS_SINCE_2_0) {
                if (node.has(member)) {
                    return "contract: unknown property '" + member + "' in CreateIngestionPipeline (OpenMetadata 1.6)";
                }
            }
        }
        JsonNode checked = node;
        if (mode == OpenMetadataEmulator.Mode.V1_6 && kind == BodyKind.SERVICE) {
            // a 1.6 server knows only the flat RestConnection: openAPISchemaConnection is an unknown property there
            String legacy = checkLegacyRestConnection(node.path("connection").path("config"));
            if (legacy != null) {
                return "schema entity/services/connections/api/restConnection.json (1.6): " + legacy;
            }
            // the rest of the body against the current schema, with the config in its current form
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            ObjectNode config = (ObjectNode) copy.get("connection").get("config");
            config.putObject("openAPISchemaConnection").set("openAPISchemaURL", config.remove("openAPISchemaURL"));
            checked = copy;
        }
        if (kind.schema != null && schemas.isPresent()) {
            List<String> messages = schemas.get().validate(kind.schema, checked);
            if (!messages.isEmpty()) {
                return "schema " + kind.schema + ": " + String.join("; ", messages);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------
    // The rules

    /** Checks a 1.6-shaped RestConnection ({@link #LEGACY_REST_CONNECTION}); null when valid. */
    static String checkLegacyRestConnection(JsonNode config) {
        Iterator<String> names = config.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!LEGACY_REST_CONNECTION.contains(name)) {
                return "$.connection.config: property '" + name + "' is not defined in the schema";
            }
        }
        if (!config.path("openAPISchemaURL").isTextual()) {
            return "$.connection.config: required property 'openAPISchemaURL' not found";
        }
        if (config.has("type") && !config.get("type").asText().equals("Rest")) {
            return "$.connection.config.type: does not have a value in the enumeration [Rest]";
        }
        for (String uri : List.of("openAPISchemaURL", "docURL")) {
            if (config.has(uri)) {
                JsonNode value = config.get(uri);
                boolean ok = value.isTextual();
                if (ok) {
                    try {
                        ok = java.net.URI.create(value.asText()).isAbsolute();
                    } catch (IllegalArgumentException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    return "$.connection.config." + uri + ": does not match the uri pattern";
                }
            }
        }
        return null;
    }

    /** The emulator's own contract rules; null when the body satisfies them. */
    static String checkContract(BodyKind kind, JsonNode node) {
        if (node == null || !node.isObject()) {
            return kind.title + " must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType());
        }
        String nullPath = findNull(node, "$");
        if (nullPath != null) {
            return "null-valued property " + nullPath + " (omit null fields)";
        }
        for (String required : kind.required) {
            if (!node.has(required)) {
                return "required property '" + required + "' missing in " + kind.title;
            }
        }
        if (kind.allowed != null) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!kind.allowed.contains(name)) {
                    return "unknown property '" + name + "' in " + kind.title;
                }
            }
        }
        return switch (kind) {
            case SERVICE, COLLECTION, ENDPOINT -> checkEntity(kind, node);
            case DELETE_STALE -> checkDeleteStale(node);
            case RESTORE -> node.get("id").isTextual() ? null : "$.id must be a string";
            case PIPELINE_STATUS -> checkPipelineStatus(node);
            case CREATE_PIPELINE -> checkCreatePipeline(node);
            case CREATE_WORKFLOW -> checkCreateWorkflow(node);
        };
    }

    private static String checkEntity(BodyKind kind, JsonNode node) {
        String problem = checkName(node.get("name"));
        if (problem != null) {
            return problem;
        }
        for (String text : List.of("displayName", "description", "endpointURL", "sourceHash", "serviceType",
                "service", "apiCollection")) {
            if (node.has(text) && !node.get(text).isTextual()) {
                return "$." + text + " must be a string";
            }
        }
        if (kind == BodyKind.COLLECTION && node.get("service").asText().isEmpty()) {
            return "$.service must not be empty";
        }
        if (kind == BodyKind.ENDPOINT) {
            if (node.get("apiCollection").asText().isEmpty()) {
                return "$.apiCollection must not be empty";
            }
            if (node.has("requestMethod")) {
                JsonNode m = node.get("requestMethod");
                if (!m.isTextual() || !REQUEST_METHODS.contains(m.asText())) {
                    return "$.requestMethod " + m + " is not one of " + REQUEST_METHODS;
                }
            }
            for (String schemaProperty : List.of("requestSchema", "responseSchema")) {
                problem = checkApiSchema(node.get(schemaProperty), "$." + schemaProperty);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String checkDeleteStale(JsonNode node) {
        if (!node.get("scopeFqn").isTextual() || node.get("scopeFqn").asText().isEmpty()) {
            return "$.scopeFqn must be a non-empty string";
        }
        if (!node.get("scopeEntityType").isTextual()) {
            return "$.scopeEntityType must be a string";
        }
        JsonNode seen = node.get("seenFqns");
        if (!seen.isArray()) {
            return "$.seenFqns must be an array";
        }
        for (int i = 0; i < seen.size(); i++) {
            if (!seen.get(i).isTextual()) {
                return "$.seenFqns[" + i + "] must be a string";
            }
        }
        for (String flag : List.of("dryRun", "hardDelete", "recursive")) {
            if (node.has(flag) && !node.get(flag).isBoolean()) {
                return "$." + flag + " must be a boolean";
            }
        }
        return null;
    }

    private static String checkPipelineStatus(JsonNode node) {
        if (!node.get("runId").isTextual()) {
            return "$.runId must be a string";
        }
        JsonNode state = node.get("pipelineState");
        if (!state.isTextual() || !PIPELINE_STATES.contains(state.asText())) {
            return "$.pipelineState " + state + " is not one of " + PIPELINE_STATES;
        }
        return null;
    }

    private static String checkCreatePipeline(JsonNode node) {
        String problem = checkName(node.get("name"));
        if (problem != null) {
            return problem;
        }
        problem = oneOf(node, "pipelineType", PIPELINE_TYPES);
        if (problem == null && node.has("loggerLevel")) {
            problem = oneOf(node, "loggerLevel", LOGGER_LEVELS);
        }
        if (problem != null) {
            return problem;
        }
        JsonNode service = node.get("service");
        if (!service.isObject() || !service.path("id").isTextual() || !service.path("type").isTextual()) {
            return "$.service must be an entity reference {id, type}";
        }
        if (!node.get("sourceConfig").isObject()) {
            return "$.sourceConfig must be an object";
        }
        JsonNode airflowConfig = node.get("airflowConfig");
        if (!airflowConfig.isObject()) {
            return "$.airflowConfig must be an object";
        }
        Iterator<String> names = airflowConfig.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!AIRFLOW_CONFIG.contains(name)) {
                return "unknown property '" + name + "' in AirflowConfig";
            }
        }
        return null;
    }

    private static String checkCreateWorkflow(JsonNode node) {
        String problem = checkName(node.get("name"));
        if (problem == null) {
            problem = oneOf(node, "workflowType", WORKFLOW_TYPES);
        }
        if (problem == null && node.has("status")) {
            problem = oneOf(node, "status", WORKFLOW_STATUSES);
        }
        if (problem == null && !node.get("request").isObject()) {
            problem = "$.request must be an object";
        }
        return problem;
    }

    private static String oneOf(JsonNode node, String member, List<String> values) {
        JsonNode value = node.get(member);
        return value.isTextual() && values.contains(value.asText()) ? null
                : "$." + member + " " + value + " is not one of " + values;
    }

    private static String checkName(JsonNode name) {
        if (!name.isTextual()) {
            return "$.name must be a string";
        }
        String text = name.asText();
        if (text.isEmpty() || text.length() > 256 || !ENTITY_NAME.matcher(text).matches()) {
            return "$.name must be 1-256 characters matching ^((?!::).)*$ (no '::', no line break), got \"" + text + "\"";
        }
        try {
            Fqn.quote(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " (FQN quoting rule)";
        }
        return null;
    }

    private static String checkApiSchema(JsonNode schema, String path) {
        if (schema == null) {
            return null;
        }
        if (!schema.isObject()) {
            return path + " must be an object";
        }
        return checkFields(schema.get("schemaFields"), path + ".schemaFields");
    }

    private static String checkFields(JsonNode fields, String path) {
        if (fields == null) {
            return null;
        }
        if (!fields.isArray()) {
            return path + " must be an array";
        }
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String at = path + "[" + i + "]";
            if (!field.isObject()) {
                return at + " must be an object";
            }
            JsonNode name = field.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                return at + ".name must be a non-empty string";
            }
            JsonNode dataType = field.get("dataType");
            if (dataType == null || !dataType.isTextual() || !DATA_TYPES.contains(dataType.asText())) {
                return at + ".dataType " + (dataType == null ? "missing" : dataType.toString())
                        + " is not one of " + DATA_TYPES;
            }
            String problem = checkFields(field.get("children"), at + ".children");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The JSON path of the first null value inside {@code node}, or null. */
    private static String findNull(JsonNode node, String path) {
        if (node.isNull()) {
            return path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String found = findNull(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = findNull(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
