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

    public void run(String workflowName) {
        JsonNode workflow;
        try (BotCalls calls = bot.get()) {
            workflow = calls.workflow(workflowName).orElse(null);
        }
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
        TestConnectionResult result;
        try {
            // a step's patch that fails is one the UI misses; the test goes on, and the last patch says how it ended
            result = tester.test(payload, step -> patch(id, step, "Running"));
        } catch (InvalidPayloadException e) {
            patch(id, failed("The connection cannot be tested", String.join("; ", e.problems())), "Failed");
            return;
        } catch (RuntimeException e) {
            // the Workflow must end, or the UI polls it for two minutes and says it is still running
            LOG.error("Test connection workflow " + workflowName + " failed unexpectedly", RunLog.redacted(e, false));
            patch(id, failed("The test connection failed unexpectedly", RunLog.unexpectedMessage(e)), "Failed");
            return;
        }
        patch(id, result, "Successful");
    }

    private static TestConnectionResult failed(String message, String why) {
        return new TestConnectionResult(System.currentTimeMillis(), TestConnectionResult.FAILED,
                List.of(TestConnectionResult.Step.failed("CheckURL", message, why)));
    }

    /**
     * Upstream's patch: {@code /response} and {@code /status}. Each with calls of its own, so a test that took its whole
     * time still gets its last patch; best effort, a patch that fails is logged.
     */
    private void patch(String id, TestConnectionResult response, String status) {
        try (BotCalls calls = bot.get()) {
            calls.patchWorkflow(id, List.of(JsonPatchOperation.set("response", response),
                    JsonPatchOperation.set("status", status)));
        } catch (RuntimeException e) {
            LOG.error("Test connection workflow " + id + " could not be patched " + status, RunLog.redacted(e, false));
        }
    }
}
