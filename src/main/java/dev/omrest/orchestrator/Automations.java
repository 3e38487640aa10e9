package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code run_automation}: the server posts a test-connection Workflow and its UI polls the Workflow until its
 * {@code status} ends. The Airflow plugin tests before it answers; this function answers at once and tests in its own
 * asynchronous invocation ({@link AutomationRun}), so no caller waits on a spec fetch and no HTTP timeout cuts a test.
 */
public final class Automations {
    /** The internal event's member: it names the Workflow, nothing else (the worker re-reads it as the bot). */
    static final String EVENT = "runAutomation";

    private final OrchestratorSettings settings;
    private final Runs runs;

    Automations(OrchestratorSettings settings, Runs runs) {
        this.settings = settings;
        this.runs = runs;
    }

    Reply trigger(ObjectNode workflow) {
        String name = workflow.path("name").asText("");
        if (name.isBlank()) {
            throw BadRequest.of("The Workflow has no name");
        }
        String type = workflow.path("workflowType").asText("");
        if (!type.equals("TEST_CONNECTION")) {
            throw BadRequest.of("workflowType '" + type + "' is not supported: this orchestrator runs TEST_CONNECTION only");
        }
        JsonNode request = workflow.path("request");
        String connectionType = request.path("connectionType").asText(request.path("connection").path("config")
                .path("type").asText(""));
        if (!connectionType.equals("Rest")) {
            throw BadRequest.of("connectionType '" + connectionType + "' is not supported: this orchestrator tests REST "
                    + "(OpenAPI) connections only");
        }
        ObjectNode event = Reply.JSON.createObjectNode();
        event.putObject(EVENT).put("workflow", name);
        try {
            runs.start(settings.selfFunction(), event.toString());
        } catch (RuntimeException e) {
            throw new BadRequest(500, "The test connection could not be started: " + e.getMessage());
        }
        return Reply.message(200, "Workflow [" + name + "] has been triggered.");
    }

    /** The Workflow an internal event names, or null when the event is not one. */
    public static String workflowOf(JsonNode event) {
        JsonNode name = event == null ? null : event.path(EVENT).get("workflow");
        return name != null && name.isTextual() ? name.asText() : null;
    }
}
