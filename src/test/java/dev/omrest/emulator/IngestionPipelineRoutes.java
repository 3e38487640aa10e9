package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * {@code /v1/services/ingestionPipelines/...}: the server's ingestion pipeline resource, with what it does with its
 * pipeline service client ({@link OrchestratorClient}) for the UI journey of {@code openmetadata-pipeline-service.md}
 * §5: create/PUT, GET by id and name, list, status, ip, deploy, trigger, toggle, kill, last logs, pipeline statuses
 * (the connector's PUT with its contract check, the list merged with the client's queued runs, one run), delete, and on
 * a 2.0 server the streamable logs an ingestion ships.
 *
 * <p>Client calls are made without holding the store's lock: the orchestrator (a function) may call back into the
 * emulator while it answers. Mode differences: a 1.6 server puts the bot's {@code openMetadataServerConnection} into
 * every pipeline it answers and {@code pipelineStatuses} is one status; a 2.0 server leaves the connection out of
 * GET/list answers, gives the 5 recent runs, marks running and queued runs {@code stopped} on kill, accepts a pipeline
 * FQN where an id goes for the logs, and reads the stored logs for pipelines with {@code enableStreamableLogs}.
 */
final class IngestionPipelineRoutes {
    private static final int RECENT_RUNS = 5;
    private static final int LOG_LINES = 1000;
    /** AirflowConfig's schema defaults, which the server's Java object fills in, in its member order. */
    private static final Map<String, Object> AIRFLOW_DEFAULTS = Map.of("pausePipeline", false, "concurrency", 1,
            "pipelineTimezone", "UTC", "retries", 0, "retryDelay", 300, "pipelineCatchup", false, "maxActiveRuns", 1,
            "workflowDefaultView", "tree", "workflowDefaultViewOrientation", "LR");

    private final OpenMetadataEmulator.Mode mode;
    private final EntityStore store;
    private final ContractChecks contract;
    private final PipelineServiceSettings settings;
    private final ServerConnection connection;

    IngestionPipelineRoutes(OpenMetadataEmulator.Mode mode, EntityStore store, ContractChecks contract,
                            PipelineServiceSettings settings, ServerConnection connection) {
        this.mode = mode;
        this.store = store;
        this.contract = contract;
        this.settings = settings;
        this.connection = connection;
    }

    /** {@code rest}: the decoded path segments after {@code ingestionPipelines}. */
    Reply route(ApiRequest request, List<String> rest, Query query) {
        String method = request.method();
        int n = rest.size();
        if (n == 0) {
            return switch (method) {
                case "GET" -> list(query);
                case "POST" -> create(request, false);
                case "PUT" -> create(request, true);
                default -> throw ApiError.NO_ROUTE;
            };
        }
        String first = rest.get(0);
        if (n == 1 && method.equals("GET") && first.equals("status")) {
            return status();
        }
        if (n == 1 && method.equals("GET") && first.equals("ip")) {
            return ip();
        }
        if (first.equals("logs")) {
            return logs(request, rest, query);
        }
        if (n >= 2 && rest.get(1).equals("pipelineStatus")) {
            return pipelineStatus(request, rest, query);
        }
        if (n == 2 && first.equals("name") && method.equals("GET")) {
            synchronized (store.lock()) {
                ObjectNode pipeline = store.pipelines.byFqn.get(rest.get(1));
                return Reply.of(200, view(EntityStore.get(store.pipelines, pipeline, rest.get(1),
                        Include.parse(query.get("include"))), fields(query)));
            }
        }
        if (n == 2 && method.equals("POST")) {
            String id = uuid(rest.get(1));
            return switch (first) {
                case "deploy" -> deploy(id);
                case "trigger" -> trigger(id);
                case "toggleIngestion" -> toggle(id);
                case "kill" -> kill(id);
                default -> throw ApiError.NO_ROUTE;
            };
        }
        if (n == 1 && method.equals("GET")) {
            String id = uuid(first);
            synchronized (store.lock()) {
                return Reply.of(200, view(EntityStore.get(store.pipelines, store.pipelines.byId(id), first,
                        Include.parse(query.get("include"))), fields(query)));
            }
        }
        if (n == 1 && method.equals("DELETE")) {
            return delete(uuid(first), query);
        }
        throw ApiError.NO_ROUTE;
    }

    // ------------------------------------------------------------------------------------------------
    // Entities

    private Reply create(ApiRequest request, boolean put) {
        ObjectNode body = contract.parseObject(request.contentType(), request.body(), BodyKind.CREATE_PIPELINE);
        synchronized (store.lock()) {
            ObjectNode service = service(body.get("service"));
            String fqn = Fqn.child(service.get("fullyQualifiedName").asText(), body.get("name").asText());
            ObjectNode content = content(body, service);
            EntityStore.Upsert upsert = put ? store.createOrUpdate(store.pipelines, fqn, content)
                    : store.create(store.pipelines, fqn, content);
            return Reply.of(upsert.status(), view(upsert.entity(), Set.of()));
        }
    }

    /** The referenced service; only API services are kept, any other type is the server's 404 for it. */
    private ObjectNode service(JsonNode reference) {
        String type = reference.get("type").asText();
        String id = reference.get("id").asText();
        ObjectNode service = type.equals("apiService") ? store.services.byId(id) : null;
        if (service == null || service.path("deleted").asBoolean()) {
            throw ApiError.notFound(type + " instance for " + id + " not found");
        }
        return service;
    }

    /**
     * The stored pipeline: the request's members with the server's defaults ({@code loggerLevel} INFO, airflowConfig's),
     * the service as an entity reference, {@code deployed: false} and {@code enabled: true} (as a PUT resets them too),
     * dates as epoch milliseconds.
     */
    private ObjectNode content(ObjectNode body, ObjectNode service) {
        ObjectNode content = Json.NODES.objectNode();
        content.set("name", body.get("name"));
        copy(body, content, "displayName", "description", "pipelineType", "owners", "sourceConfig");
        content.set("airflowConfig", airflowConfig(body.get("airflowConfig")));
        content.set("service", EntityStore.reference(store.services, service));
        content.put("loggerLevel", body.path("loggerLevel").asText("INFO"));
        content.put("raiseOnError", body.path("raiseOnError").asBoolean(true));
        content.put("deployed", false);
        content.put("enabled", true);
        if (mode == OpenMetadataEmulator.Mode.V2_0) {
            content.put("enableStreamableLogs", body.path("enableStreamableLogs").asBoolean(false));
        }
        content.put("provider", body.path("provider").asText("user"));
        return content;
    }

    private static ObjectNode airflowConfig(JsonNode request) {
        ObjectNode config = Json.NODES.objectNode();
        for (String member : ContractChecks.AIRFLOW_CONFIG) {
            JsonNode value = request.get(member);
            if (value != null && (member.equals("startDate") || member.equals("endDate"))) {
                config.put(member, ServerConnection.epochMillis(value, "$.airflowConfig." + member));
            } else if (value != null) {
                config.set(member, value.deepCopy());
            } else if (AIRFLOW_DEFAULTS.containsKey(member)) {
                config.set(member, Json.MAPPER.valueToTree(AIRFLOW_DEFAULTS.get(member)));
            }
        }
        return config;
    }

    private Reply list(Query query) {
        ObjectNode page = store.list(store.pipelines, Listing.pipelines(query));
        Set<String> fields = fields(query);
        ArrayNode data = Json.NODES.arrayNode();
        synchronized (store.lock()) {
            page.get("data").forEach(pipeline -> data.add(view((ObjectNode) pipeline, fields)));
        }
        page.set("data", data);
        return Reply.of(200, page);
    }

    /** A pipeline as the server answers it (callers hold the lock): with the statuses asked for, and 1.6's connection. */
    private ObjectNode view(ObjectNode pipeline, Set<String> fields) {
        ObjectNode view = pipeline.deepCopy();
        if (fields.contains("pipelineStatuses")) {
            List<ObjectNode> runs = store.runs(pipeline.get("fullyQualifiedName").asText());
            if (mode == OpenMetadataEmulator.Mode.V1_6) {
                if (!runs.isEmpty()) {
                    view = Json.insertAfter(view, "service", "pipelineStatuses", runs.get(0).deepCopy());
                }
            } else {
                ArrayNode recent = Json.NODES.arrayNode();
                runs.stream().limit(RECENT_RUNS).forEach(run -> recent.add(run.deepCopy()));
                view = Json.insertAfter(view, "service", "pipelineStatuses", recent);
            }
        }
        if (mode == OpenMetadataEmulator.Mode.V1_6) {
            view = Json.insertAfter(view, "sourceConfig", "openMetadataServerConnection", connection.build());
        }
        return view;
    }

    private Reply delete(String id, Query query) {
        ObjectNode deleted;
        synchronized (store.lock()) {
            deleted = store.delete(store.pipelines, store.pipelines.byId(id), id, query);
            if (query.bool("hardDelete", false)) {
                store.forgetRuns(deleted.get("fullyQualifiedName").asText());
            }
        }
        // after the entity is gone, as the server's postDelete; whatever the orchestrator answers
        OrchestratorClient client = settings.client();
        if (client != null) {
            try {
                client.delete(deleted.get("name").asText());
            } catch (OrchestratorClient.Failure e) {
                // no prefix found on a 2.0 server: the pipeline stays deleted
            }
        }
        return Reply.of(200, deleted);
    }

    // ------------------------------------------------------------------------------------------------
    // What the client does

    private Reply status() {
        OrchestratorClient client = settings.client();
        if (client == null && mode == OpenMetadataEmulator.Mode.V1_6) {
            // a 1.6 server with the client disabled answers healthy, platform and version "disabled"
            ObjectNode disabled = Json.NODES.objectNode();
            disabled.put("code", 200);
            disabled.put("platform", "disabled");
            disabled.put("version", "disabled");
            return Reply.of(200, disabled);
        }
        if (client == null) {
            return settings.disabled(true);
        }
        return Reply.of(200, PipelineServiceSettings.call(client::health).toJson());
    }

    /** 204 unless {@code ingestionIpInfoEnabled}; a failing client is a 200 that explains, never an error. */
    private Reply ip() {
        OrchestratorClient client = settings.client();
        if (client == null && mode == OpenMetadataEmulator.Mode.V2_0) {
            return settings.disabled(false);
        }
        if (!settings.ingestionIpInfoEnabled()) {
            return Reply.empty(204, Map.of());
        }
        if (client == null) {
            return settings.disabled(false);
        }
        try {
            return Reply.of(200, Json.MAPPER.valueToTree(client.ip()));
        } catch (OrchestratorClient.Failure e) {
            ObjectNode explained = Json.NODES.objectNode();
            explained.put("ip", "Cannot find the IP of the pipeline service's host: make sure it reaches "
                    + "https://api.ipify.org or set hostIp in the server's configuration");
            return Reply.of(200, explained);
        }
    }

    private Reply deploy(String id) {
        OrchestratorClient client = settings.client();
        if (client == null) {
            return settings.disabled(true);
        }
        ObjectNode pipeline = snapshot(id);
        ObjectNode body = deployBody(pipeline);
        OrchestratorClient.Response answer = PipelineServiceSettings.call(() -> client.deploy(body));
        synchronized (store.lock()) {
            ObjectNode current = store.pipelines.byId(id);
            if (current != null) {
                store.update(store.pipelines, current, Json.NODES.objectNode().put("deployed", true));
            }
        }
        return Reply.of(200, answer.toJson());
    }

    /**
     * The pipeline as the server posts it to {@code deploy}: as stored (no {@code sourceConfig} defaults, §7), with the
     * bot's {@code openMetadataServerConnection} and the airflowConfig dates as ISO strings with six decimals.
     */
    private ObjectNode deployBody(ObjectNode pipeline) {
        ObjectNode body = Json.insertAfter(pipeline, "sourceConfig", "openMetadataServerConnection",
                connection.build());
        ObjectNode airflowConfig = (ObjectNode) body.get("airflowConfig");
        for (String date : List.of("startDate", "endDate")) {
            if (airflowConfig.path(date).isIntegralNumber()) {
                airflowConfig.put(date, ServerConnection.micros(airflowConfig.get(date).asLong()));
            }
        }
        return body;
    }

    private Reply trigger(String id) {
        OrchestratorClient client = settings.client();
        if (client == null) {
            return settings.disabled(true);
        }
        String name = snapshot(id).get("name").asText();
        // the Airflow client's answer carries no runId, so a 2.0 server records no queued status itself
        return Reply.of(200, PipelineServiceSettings.call(() -> client.trigger(name)).toJson());
    }

    private Reply toggle(String id) {
        ObjectNode pipeline = snapshot(id);
        OrchestratorClient client = settings.client();
        if (client == null) {
            return settings.disabled(false);
        }
        OrchestratorClient.Toggled toggled = PipelineServiceSettings.call(() -> client.toggle(pipeline));
        synchronized (store.lock()) {
            ObjectNode current = store.pipelines.byId(id);
            if (current == null) {
                throw ApiError.notFound("ingestionPipeline instance for " + id + " not found");
            }
            ObjectNode changes = Json.NODES.objectNode();
            changes.set("enabled", toggled.pipeline().get("enabled"));
            changes.set("deployed", toggled.pipeline().get("deployed"));
            return Reply.of(200, view(store.update(store.pipelines, current, changes), Set.of()));
        }
    }

    private Reply kill(String id) {
        String name;
        synchronized (store.lock()) {
            ObjectNode pipeline = existing(id);
            name = pipeline.get("name").asText();
            if (mode == OpenMetadataEmulator.Mode.V2_0) {
                store.stopRuns(pipeline.get("fullyQualifiedName").asText());
            }
        }
        OrchestratorClient client = settings.client();
        if (client == null) {
            return settings.disabled(true);
        }
        return Reply.of(200, PipelineServiceSettings.call(() -> client.kill(name)).toJson());
    }

    // ------------------------------------------------------------------------------------------------
    // Logs

    private Reply logs(ApiRequest request, List<String> rest, Query query) {
        int n = rest.size();
        if (n == 3 && rest.get(2).equals("last") && request.method().equals("GET")) {
            return lastLogs(rest.get(1), query);
        }
        if (mode == OpenMetadataEmulator.Mode.V1_6 || !request.method().equals("POST") || (n != 3 && n != 4)
                || (n == 4 && !rest.get(3).equals("close"))) {
            throw ApiError.NO_ROUTE;
        }
        String fqn = rest.get(1);
        String runId = uuid(rest.get(2));
        synchronized (store.lock()) {
            existingByFqn(fqn);
        }
        if (n == 4) {
            store.runLogs.close(fqn, runId);
            return Reply.of(200, Json.NODES.objectNode().put("message", "Log stream closed successfully"));
        }
        JsonNode data = contract.parseJson(request.contentType(), request.body());
        String text;
        if (data.isTextual()) {
            text = data.asText();
        } else if (data.isObject()) {
            text = batchText(data);
            if (data.path("connectorId").isTextual() && !text.isEmpty()) {
                text = "[" + data.get("connectorId").asText() + "] " + text;
            }
        } else {
            return Reply.text(400, "Invalid log data format");
        }
        if (!text.isEmpty()) {
            store.runLogs.append(fqn, runId, text);
        }
        // the session cookie a load balancer keeps a run's batches on one server with
        return Reply.empty(200, Map.of("Set-Cookie", "PIPELINE_SESSION=" + fqn.replaceAll("[^a-zA-Z0-9]", "_") + "_"
                + runId + "; Path=/; Max-Age=86400"));
    }

    /** A LogBatch's {@code logs}, gunzipped from base64 when {@code compressed}. */
    private static String batchText(JsonNode batch) {
        String logs = batch.path("logs").asText("");
        if (!batch.path("compressed").asBoolean(false)) {
            return logs;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(logs)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiError.badRequest("compressed logs are not base64 gzip: " + e.getMessage());
        }
    }

    private Reply lastLogs(String idOrFqn, Query query) {
        OrchestratorClient client = settings.client();
        if (client == null && mode == OpenMetadataEmulator.Mode.V2_0) {
            return settings.disabled(false);
        }
        ObjectNode pipeline;
        List<ObjectNode> runs;
        synchronized (store.lock()) {
            pipeline = mode == OpenMetadataEmulator.Mode.V1_6 ? existing(uuid(idOrFqn)) : existingByIdOrFqn(idOrFqn);
            runs = store.runs(pipeline.get("fullyQualifiedName").asText());
        }
        String taskKey = OrchestratorClient.taskKeyOf(pipeline.path("pipelineType").asText());
        String after = query.get("after");
        if (mode == OpenMetadataEmulator.Mode.V2_0 && pipeline.path("enableStreamableLogs").asBoolean()) {
            return Reply.of(200, storedLogs(pipeline, runs, taskKey, after, query));
        }
        if (client == null) {
            return settings.disabled(false);
        }
        Map<String, String> logs = PipelineServiceSettings.call(() -> client.lastLogs(pipeline.get("name").asText(),
                taskKey, after));
        if (mode == OpenMetadataEmulator.Mode.V2_0 && logs.get("error") != null) {
            return Reply.of(503, Json.NODES.objectNode().put("error", logs.get("error")));
        }
        return Reply.of(200, Json.MAPPER.valueToTree(logs));
    }

    /**
     * 2.0's streamable logs: the stored lines of the latest run, {@code limit} (1000) from the line index {@code after},
     * under the task key, with {@code total} lines and the next {@code after} while lines remain; the client is not
     * asked.
     */
    private ObjectNode storedLogs(ObjectNode pipeline, List<ObjectNode> runs, String taskKey, String after, Query query) {
        if (runs.isEmpty()) {
            throw ApiError.badRequest("No runId found for the last ingestion pipeline run");
        }
        List<String> lines = store.runLogs.lines(pipeline.get("fullyQualifiedName").asText(),
                runs.get(0).path("runId").asText());
        int from = after == null || after.isEmpty() ? 0 : intParam(after, "after");
        int limit = query.has("limit") ? intParam(query.get("limit"), "limit") : LOG_LINES;
        int to = Math.min(lines.size(), Math.max(0, from) + Math.max(0, limit));
        ObjectNode logs = Json.NODES.objectNode();
        logs.put(taskKey, String.join("\n", lines.subList(Math.min(Math.max(0, from), to), to)));
        if (to < lines.size()) {
            logs.put("after", Integer.toString(to));
        }
        logs.put("total", Integer.toString(lines.size()));
        return logs;
    }

    // ------------------------------------------------------------------------------------------------
    // Pipeline statuses

    private Reply pipelineStatus(ApiRequest request, List<String> rest, Query query) {
        String fqn = rest.get(0);
        String method = request.method();
        if (rest.size() == 2 && method.equals("PUT")) {
            // the connector's call: checked against its contract; the server keeps one status per runId
            ObjectNode status = contract.parseObject(request.contentType(), request.body(), BodyKind.PIPELINE_STATUS);
            synchronized (store.lock()) {
                store.addPipelineStatus(fqn, status);
            }
            return Reply.of(200, status);
        }
        if (rest.size() == 2 && method.equals("GET")) {
            return listStatuses(fqn, query);
        }
        if (rest.size() == 3 && method.equals("GET")) {
            String runId = uuid(rest.get(2));
            synchronized (store.lock()) {
                existingByFqn(fqn);
                for (ObjectNode run : store.runs(fqn)) {
                    if (runId.equals(run.path("runId").asText())) {
                        return Reply.of(200, run.deepCopy());
                    }
                }
            }
            return Reply.empty(204, Map.of()); // the server's null entity
        }
        throw ApiError.NO_ROUTE;
    }

    /**
     * The client's queued runs, then the stored runs: those between {@code startTs} and {@code endTs} (by their
     * {@code timestamp}, else {@code startDate}); a 2.0 server without a range gives the {@code limit} (5) latest.
     */
    private Reply listStatuses(String fqn, Query query) {
        Long startTs = longParam(query, "startTs");
        Long endTs = longParam(query, "endTs");
        if (mode == OpenMetadataEmulator.Mode.V1_6 && (startTs == null || endTs == null)) {
            throw ApiError.badRequest("query params startTs and endTs are required");
        }
        String name;
        List<ObjectNode> runs;
        synchronized (store.lock()) {
            name = existingByFqn(fqn).get("name").asText();
            runs = store.runs(fqn).stream().map(ObjectNode::deepCopy).toList();
        }
        List<ObjectNode> stored = new ArrayList<>();
        if (startTs == null && endTs == null) {
            int limit = query.has("limit") ? intParam(query.get("limit"), "limit") : RECENT_RUNS;
            runs.stream().limit(Math.max(1, limit)).forEach(stored::add);
        } else {
            for (ObjectNode run : runs) {
                long ts = run.path("timestamp").asLong(run.path("startDate").asLong(Long.MIN_VALUE));
                if ((startTs == null || ts >= startTs) && (endTs == null || ts <= endTs)) {
                    stored.add(run);
                }
            }
        }
        OrchestratorClient client = settings.client();
        ArrayNode data = Json.NODES.arrayNode();
        if (client != null) {
            client.queuedStatuses(name).forEach(data::add);
        }
        stored.forEach(data::add);
        ObjectNode list = Json.NODES.objectNode();
        list.set("data", data);
        list.putObject("paging").put("total", data.size());
        return Reply.of(200, list);
    }

    // ------------------------------------------------------------------------------------------------
    // Lookups (callers of existing* hold the lock)

    /** A copy of the live pipeline with this id, taken under the lock, for a client call made without it. */
    private ObjectNode snapshot(String id) {
        synchronized (store.lock()) {
            return existing(id).deepCopy();
        }
    }

    private ObjectNode existing(String id) {
        ObjectNode pipeline = store.pipelines.byId(id);
        if (pipeline == null || pipeline.path("deleted").asBoolean()) {
            throw ApiError.notFound("ingestionPipeline instance for " + id + " not found");
        }
        return pipeline;
    }

    private ObjectNode existingByFqn(String fqn) {
        ObjectNode pipeline = store.pipelines.byFqn.get(fqn);
        if (pipeline == null || pipeline.path("deleted").asBoolean()) {
            throw ApiError.notFound("ingestionPipeline instance for " + fqn + " not found");
        }
        return pipeline;
    }

    /** 2.0's log endpoint takes an id or, when the segment is no UUID, an FQN. */
    private ObjectNode existingByIdOrFqn(String idOrFqn) {
        try {
            return existing(UUID.fromString(idOrFqn).toString());
        } catch (IllegalArgumentException notAnId) {
            return existingByFqn(idOrFqn);
        }
    }

    /** An id path parameter as the server reads a UUID: anything else matches no route. */
    static String uuid(String segment) {
        try {
            return UUID.fromString(segment).toString();
        } catch (IllegalArgumentException e) {
            throw ApiError.NO_ROUTE;
        }
    }

    static Set<String> fields(Query query) {
        String fields = query.get("fields");
        return fields == null ? Set.of() : new HashSet<>(Arrays.asList(fields.replace(" ", "").split(",")));
    }

    private static void copy(ObjectNode from, ObjectNode to, String... members) {
        for (String member : members) {
            if (from.has(member)) {
                to.set(member, from.get(member).deepCopy());
            }
        }
    }

    private static Long longParam(Query query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("query param " + name + " must be a number");
        }
    }

    private static int intParam(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("query param " + name + " must be an integer");
        }
    }
}
