package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.InvalidPayloadException;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.openmetadata.JsonPatchOperation;
import dev.omrest.report.TestConnectionResult;
import dev.omrest.report.RunLog;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The test connection of a Workflow, as upstream's automation runner does it: re-read the Workflow by name with the
 * bot's JWT (the server posted it still encrypted), test its connection, and patch {@code /response} and
 * {@code /status} after every step ({@code Running}) and at the end ({@code Successful}; whether the connection passed
 * is the response's own status). A Workflow whose connection cannot be tested at all ends {@code Failed}.
 */
public final class AutomationRun {
    private static final Logger LOG = Logger.getLogger(AutomationRun.class);

    /** Runs one test connection on a payload, reporting each step's result as it comes. */
    @FunctionalInterface
    public interface Tester {
        TestConnectionResult test(JsonNode payload, java.util.function.Consumer<TestConnectionResult> progress);
    }

    private final Supplier<BotCalls> bot;
    private final Tester tester;

    public AutomationRun(Supplier<BotCalls> bot, Tester tester) {
        this.bot = bot;
        this.tester = tester;
    }

    /** Ends the Workflow {@code Failed} with one failed step saying why; best effort, as upstream's last resort is. */
    private static void failed(BotCalls calls, String id, String message, String why) {
        TestConnectionResult failed = new TestConnectionResult(System.currentTimeMillis(), TestConnectionResult.FAILED,
                List.of(TestConnectionResult.Step.failed("CheckURL", message, why)));
        try {
            calls.patchWorkflow(id, List.of(JsonPatchOperation.set("response", failed),
                    JsonPatchOperation.set("status", "Failed")));
        } catch (RuntimeException e) {
            LOG.error("Test connection workflow " + id + " could not be marked failed", RunLog.redacted(e, false));
        }
    }

    public void run(String workflowName) {
        try (BotCalls calls = bot.get()) {
            JsonNode workflow = calls.workflow(workflowName).orElse(null);
            if (workflow == null) {
                LOG.warnf("Test connection workflow %s is gone before it ran", workflowName);
                return;
            }
            String id = workflow.path("id").asText();
            JsonNode request = workflow.path("request");
            ObjectNode payload = Reply.JSON.createObjectNode();
            ObjectNode source = payload.putObject("source");
            if (request.path("serviceName").isTextual()) {
                source.put("serviceName", request.path("serviceName").asText());
            }
            source.putObject("serviceConnection").set("config", request.path("connection").path("config"));
            Function<TestConnectionResult, List<JsonPatchOperation>> patch = result -> List.of(
                    JsonPatchOperation.set("response", result),
                    JsonPatchOperation.set("status", "Running"));
            TestConnectionResult result;
            try {
                result = tester.test(payload, step -> calls.patchWorkflow(id, patch.apply(step)));
            } catch (InvalidPayloadException e) {
                failed(calls, id, "The connection cannot be tested", String.join("; ", e.problems()));
                return;
            } catch (RuntimeException e) {
                // the Workflow must end, or the UI polls it for two minutes and says it is still running
                LOG.error("Test connection workflow " + workflowName + " failed unexpectedly", RunLog.redacted(e, false));
                failed(calls, id, "The test connection failed unexpectedly", RunLog.unexpectedMessage(e));
                return;
            }
            calls.patchWorkflow(id, List.of(JsonPatchOperation.set("response", result),
                    JsonPatchOperation.set("status", "Successful")));
        }
    }
}
