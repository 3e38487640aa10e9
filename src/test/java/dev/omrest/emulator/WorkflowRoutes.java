package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code /v1/automations/workflows/...}: the automation workflows a test connection runs through. Create (POST) and
 * create-or-update (PUT, the worker's failure report), GET by id and name, JSON Patch (the worker's {@code /response}
 * and {@code /status} after each step), delete, and trigger, which posts the stored workflow with the bot's
 * {@code openMetadataServerConnection} to the client's {@code run_automation}.
 *
 * <p>As observed on a server (§7): a created workflow has no {@code status} until a patch or PUT gives it one (the
 * server never sets it), and its TEST_CONNECTION request gets the Java default {@code secretsManagerProvider: "db"}.
 * The emulator's caller is the ingestion bot, whose answers are not masked: GETs carry the connection as given and the
 * bot's server connection.
 */
final class WorkflowRoutes {
    private final EntityStore store;
    private final ContractChecks contract;
    private final PipelineServiceSettings settings;
    private final ServerConnection connection;

    WorkflowRoutes(EntityStore store, ContractChecks contract, PipelineServiceSettings settings,
                   ServerConnection connection) {
        this.store = store;
        this.contract = contract;
        this.settings = settings;
        this.connection = connection;
    }

    /** {@code rest}: the decoded path segments after {@code workflows}. */
    Reply route(ApiRequest request, List<String> rest, Query query) {
        String method = request.method();
        int n = rest.size();
        if (n == 0 && (method.equals("POST") || method.equals("PUT"))) {
            ObjectNode body = contract.parseObject(request.contentType(), request.body(), BodyKind.CREATE_WORKFLOW);
            String fqn = Fqn.quote(body.get("name").asText());
            synchronized (store.lock()) {
                EntityStore.Upsert upsert = method.equals("POST") ? store.create(store.workflows, fqn, content(body))
                        : store.createOrUpdate(store.workflows, fqn, content(body));
                return Reply.of(upsert.status(), view(upsert.entity()));
            }
        }
        if (n == 2 && rest.get(0).equals("name") && method.equals("GET")) {
            synchronized (store.lock()) {
                return Reply.of(200, view(EntityStore.get(store.workflows, store.workflows.byFqn.get(rest.get(1)),
                        rest.get(1), Include.parse(query.get("include")))));
            }
        }
        if (n == 2 && rest.get(0).equals("trigger") && method.equals("POST")) {
            return trigger(IngestionPipelineRoutes.uuid(rest.get(1)));
        }
        if (n == 1) {
            String id = IngestionPipelineRoutes.uuid(rest.get(0));
            switch (method) {
                case "GET" -> {
                    synchronized (store.lock()) {
                        return Reply.of(200, view(EntityStore.get(store.workflows, store.workflows.byId(id), id,
                                Include.parse(query.get("include")))));
                    }
                }
                case "PATCH" -> {
                    ContractChecks.requireJsonPatch(request.contentType());
                    synchronized (store.lock()) {
                        ObjectNode workflow = store.workflows.byId(id);
                        if (workflow == null) {
                            throw ApiError.notFound("workflow instance for " + id + " not found");
                        }
                        ArrayNode ops = contract.patchOperations(request.contentType(), request.body());
                        return Reply.of(200, view(store.patch(store.workflows, workflow, ops)));
                    }
                }
                case "DELETE" -> {
                    synchronized (store.lock()) {
                        return Reply.of(200, store.delete(store.workflows, store.workflows.byId(id), id, query));
                    }
                }
                default -> throw ApiError.NO_ROUTE;
            }
        }
        throw ApiError.NO_ROUTE;
    }

    private static ObjectNode content(ObjectNode body) {
        ObjectNode content = Json.NODES.objectNode();
        for (String member : List.of("name", "displayName", "description", "workflowType", "status", "request",
                "response", "owners")) {
            if (body.has(member)) {
                content.set(member, body.get(member).deepCopy());
            }
        }
        JsonNode request = content.get("request");
        if (body.get("workflowType").asText().equals("TEST_CONNECTION") && request instanceof ObjectNode test
                && !test.has("secretsManagerProvider")) {
            test.put("secretsManagerProvider", "db");
        }
        return content;
    }

    /** The workflow as the bot gets it: with the server connection the orchestrator is to use. */
    private ObjectNode view(ObjectNode workflow) {
        String after = workflow.has("response") ? "response" : "request";
        return Json.insertAfter(workflow, after, "openMetadataServerConnection", connection.build());
    }

    /** The stored workflow (not decrypted, as the server sends it) with the bot's connection, to run_automation. */
    private Reply trigger(String id) {
        ObjectNode workflow;
        synchronized (store.lock()) {
            workflow = store.workflows.byId(id);
            if (workflow == null || workflow.path("deleted").asBoolean()) {
                throw ApiError.notFound("workflow instance for " + id + " not found");
            }
            workflow = view(workflow);
        }
        OrchestratorClient client = settings.client();
        if (client == null) {
            return settings.disabled(true);
        }
        ObjectNode body = workflow;
        return Reply.of(200, PipelineServiceSettings.call(() -> client.runAutomation(body)).toJson());
    }
}
