package dev.omrest.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatches an API request to what serves it, the way the server routes: everything but {@code GET
 * /v1/system/version} needs the bearer token; bulk PUT and deleteStale exist only on a 2.0 server; anything else is the
 * server's 404. Bodies are parsed and checked by {@link ContractChecks} before the {@link EntityStore} is touched, and
 * each request's store access happens under the store's lock as one step. Ingestion pipelines and automation workflows
 * are served by {@link IngestionPipelineRoutes} and {@link WorkflowRoutes}, {@code GET /v1/events} by {@link EventQuery}.
 */
final class Router {
    private final OpenMetadataEmulator.Mode mode;
    private final String token;
    private final EntityStore store;
    private final ContractChecks contract;
    private final RequestLog log;
    private final IngestionPipelineRoutes pipelines;
    private final WorkflowRoutes workflows;

    Router(OpenMetadataEmulator.Mode mode, String token, EntityStore store, ContractChecks contract, RequestLog log,
           PipelineServiceSettings pipelineService, ServerConnection connection) {
        this.mode = mode;
        this.token = token;
        this.store = store;
        this.contract = contract;
        this.log = log;
        this.pipelines = new IngestionPipelineRoutes(mode, store, contract, pipelineService, connection);
        this.workflows = new WorkflowRoutes(store, contract, pipelineService, connection);
    }

    /** The reply to a request; throws {@link ApiError} for an error answer. */
    Reply route(ApiRequest request) {
        String method = request.method();
        String rawPath = request.rawPath();
        if (!rawPath.startsWith("/api/v1/")) {
            throw ApiError.NO_ROUTE;
        }
        List<String> seg = new ArrayList<>();
        for (String raw : rawPath.substring("/api/v1/".length()).split("/", -1)) {
            seg.add(decodePathSegment(raw));
        }
        Query query = Query.parse(request.rawQuery());

        if (seg.equals(List.of("system", "version"))) {
            if (!method.equals("GET")) {
                throw ApiError.NO_ROUTE;
            }
            ObjectNode version = Json.NODES.objectNode();
            version.put("version", mode.version());
            version.put("revision", "emulator");
            version.put("timestamp", System.currentTimeMillis());
            return Reply.of(200, version);
        }
        authenticate(request.authorization());

        String root = seg.get(0);
        if (root.equals("events") && seg.size() == 1 && method.equals("GET")) {
            // any valid token reads it: the server's EventResource asks its authorizer nothing
            EventQuery events = EventQuery.parse(query);
            return Reply.of(200, events.answer(store.changeEvents.rows()));
        }
        if (root.equals("services") && seg.size() >= 2) {
            return services(request, seg, query);
        }
        if (root.equals("automations") && seg.size() >= 2 && seg.get(1).equals("workflows")) {
            return workflows.route(request, seg.subList(2, seg.size()), query);
        }
        boolean isCollections = root.equals("apiCollections");
        if (!isCollections && !root.equals("apiEndpoints")) {
            throw ApiError.NO_ROUTE;
        }
        return entities(request, seg, query, isCollections);
    }

    /** {@code /v1/services/...}: API services, ingestion pipelines, the test connection definition. */
    private Reply services(ApiRequest request, List<String> seg, Query query) {
        String method = request.method();
        int n = seg.size();
        String sub = seg.get(1);
        if (sub.equals("apiServices")) {
            if (n == 2 && (method.equals("PUT") || method.equals("POST"))) {
                ObjectNode body = contract.parseObject(request.contentType(), request.body(), BodyKind.SERVICE);
                EntityStore.Upsert upsert;
                synchronized (store.lock()) {
                    // the UI creates (POST: 409 when the name is taken); the connector upserts (PUT)
                    upsert = method.equals("POST") ? store.createService(body) : store.upsertService(body);
                }
                return Reply.of(upsert.status(), upsert.entity());
            }
            if (n == 4 && seg.get(2).equals("name") && method.equals("GET")) {
                synchronized (store.lock()) {
                    ObjectNode service = store.services.byFqn.get(seg.get(3));
                    if (service == null) {
                        throw ApiError.notFound("apiService instance for " + seg.get(3) + " not found");
                    }
                    return Reply.of(200, service.deepCopy());
                }
            }
        } else if (sub.equals("ingestionPipelines")) {
            return pipelines.route(request, seg.subList(2, n), query);
        } else if (sub.equals("testConnectionDefinitions") && n == 4 && seg.get(2).equals("name")
                && method.equals("GET")) {
            if (!seg.get(3).equals("Rest.testConnectionDefinition")) {
                throw ApiError.notFound("testConnectionDefinition instance for " + seg.get(3) + " not found");
            }
            return Reply.of(200, restTestConnectionDefinition());
        }
        throw ApiError.NO_ROUTE;
    }

    /** {@code /v1/apiCollections/...} and {@code /v1/apiEndpoints/...}. */
    private Reply entities(ApiRequest request, List<String> seg, Query query, boolean isCollections) {
        String method = request.method();
        int n = seg.size();
        EntityTable table = isCollections ? store.collections : store.endpoints;
        BodyKind kind = isCollections ? BodyKind.COLLECTION : BodyKind.ENDPOINT;
        if (n == 1) {
            if (method.equals("GET")) {
                return Reply.of(200, store.list(table, query));
            }
            if (method.equals("PUT")) {
                ObjectNode body = contract.parseObject(request.contentType(), request.body(), kind);
                EntityStore.Upsert upsert;
                synchronized (store.lock()) {
                    upsert = isCollections ? store.upsertCollection(body, false, true)
                            : store.upsertEndpoint(body, false, true);
                }
                return Reply.of(upsert.status(), upsert.entity());
            }
            throw ApiError.NO_ROUTE;
        }
        String second = seg.get(1);
        if (n == 2 && second.equals("bulk") && method.equals("PUT")) {
            if (mode == OpenMetadataEmulator.Mode.V1_6) {
                throw ApiError.NO_ROUTE;
            }
            return bulk(request, kind, query);
        }
        if (n == 2 && second.equals("deleteStale") && method.equals("DELETE")) {
            if (mode == OpenMetadataEmulator.Mode.V1_6) {
                throw ApiError.NO_ROUTE;
            }
            ObjectNode body = contract.parseObject(request.contentType(), request.body(), BodyKind.DELETE_STALE);
            synchronized (store.lock()) {
                return Reply.of(200, store.deleteStale(isCollections, body));
            }
        }
        if (n == 2 && second.equals("restore") && method.equals("PUT")) {
            ObjectNode body = contract.parseObject(request.contentType(), request.body(), BodyKind.RESTORE);
            synchronized (store.lock()) {
                return Reply.of(200, store.restore(table, body.get("id").asText()));
            }
        }
        if (n == 3 && second.equals("name")) {
            String fqn = seg.get(2);
            Include include = Include.parse(query.get("include"));
            synchronized (store.lock()) {
                ObjectNode entity = table.byFqn.get(fqn);
                if (method.equals("GET")) {
                    return Reply.of(200, EntityStore.get(table, entity, fqn, include));
                }
                if (method.equals("DELETE")) {
                    return Reply.of(200, store.delete(table, entity, fqn, query));
                }
            }
            throw ApiError.NO_ROUTE;
        }
        if (n == 2) {
            String id = second;
            synchronized (store.lock()) {
                ObjectNode entity = table.byId(id);
                if (method.equals("GET")) {
                    return Reply.of(200, EntityStore.get(table, entity, id, Include.parse(query.get("include"))));
                }
                if (method.equals("DELETE")) {
                    return Reply.of(200, store.delete(table, entity, id, query));
                }
                if (method.equals("PATCH")) {
                    ContractChecks.requireJsonPatch(request.contentType());
                    if (entity == null) {
                        throw ApiError.notFound(table.type + " instance for " + id + " not found");
                    }
                    ArrayNode ops = contract.patchOperations(request.contentType(), request.body());
                    return Reply.of(200, store.patch(table, entity, ops));
                }
            }
        }
        throw ApiError.NO_ROUTE;
    }

    /** A bulk PUT: the request's rules first (any breach rejects it whole), then item by item. */
    private Reply bulk(ApiRequest request, BodyKind kind, Query query) {
        ArrayNode items = contract.bulkItems(request.contentType(), request.body(), kind, query);
        boolean overrideMetadata = query.bool("overrideMetadata", false);
        String apiPath = kind == BodyKind.COLLECTION ? "/v1/apiCollections/bulk" : "/v1/apiEndpoints/bulk";
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String problem = contract.validateBody(kind, items.get(i));
            problems.add(problem);
            if (problem != null) {
                log.violation("PUT " + apiPath + " item " + i + ": " + problem);
            }
        }
        return Reply.of(200, store.bulkUpsert(kind, items, problems, overrideMetadata));
    }

    private void authenticate(String header) {
        String expected = "Bearer " + token;
        if (header == null || !header.trim().equals(expected)) {
            throw new ApiError(401, "Not authorized; Token verification failed", false);
        }
    }

    /** A path segment percent-decoded as UTF-8; a malformed escape is the server's 404. */
    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.NO_ROUTE;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                throw ApiError.NO_ROUTE;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode restTestConnectionDefinition() {
        try {
            return Json.MAPPER.readTree("""
                    {
                      "id": "6a2d3f5e-5f64-4a4b-9a53-2c1f4e7b8d01",
                      "name": "REST",
                      "displayName": "REST Test Connection",
                      "fullyQualifiedName": "REST",
                      "description": "Validates the OpenAPI schema URL/file of a REST API service",
                      "steps": [
                        {"name": "CheckURL", "description": "The OpenAPI schema source is reachable and returns JSON or YAML",
                         "errorMessage": "Failed to fetch the OpenAPI schema", "shortCircuit": true, "mandatory": true},
                        {"name": "CheckSchema", "description": "The document is a valid OpenAPI schema",
                         "errorMessage": "The document is not a valid OpenAPI schema", "shortCircuit": true, "mandatory": true}
                      ],
                      "version": 0.1,
                      "deleted": false
                    }
                    """);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
