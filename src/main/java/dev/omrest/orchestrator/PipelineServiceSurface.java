package dev.omrest.orchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.openmetadata.OpenMetadataException;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Airflow plugin's REST surface ({@code openmetadata-managed-apis}) as OpenMetadata's stock {@code AirflowRESTClient}
 * calls it, under {@code /api/v1/openmetadata/}: authentication, routing, and the answers of docs/pipeline-service.md.
 * Pipelines are kept as EventBridge schedules ({@link Schedules}); runs go to {@code ingest} ({@link Runs}); the
 * OpenMetadata server is only ever the configured one ({@link BotCalls}).
 */
public final class PipelineServiceSurface {
    static final String PREFIX = "/api/v1/openmetadata/";
    /** Counted per environment (a warm Lambda serves call after call), not per call. */
    private static final FailedLogins FAILED_LOGINS = new FailedLogins();

    private final OrchestratorSettings settings;
    private final Supplier<Credentials> credentials;
    private final Supplier<BotCalls> bot;
    private final Supplier<BotCalls> quickBot;
    private final Schedules schedules;
    private final Runs runs;
    private final RunLogs logs;
    private final Clock clock;
    private final int maxBodyBytes;

    /**
     * @param bot      the OpenMetadata calls of an operation
     * @param quickBot the same with a few seconds at most: a 2.0 client gives each path probe (a {@code health-auth})
     *                 5 s, and a probe that does not answer in time fails every call until the next probe
     */
    public PipelineServiceSurface(OrchestratorSettings settings, Supplier<Credentials> credentials, Supplier<BotCalls> bot,
                                  Supplier<BotCalls> quickBot, Schedules schedules, Runs runs, RunLogs logs, Clock clock,
                                  int maxBodyBytes) {
        this.settings = settings;
        this.credentials = credentials;
        this.bot = bot;
        this.quickBot = quickBot;
        this.schedules = schedules;
        this.runs = runs;
        this.logs = logs;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Reply handle(HttpCall call) {
        if (!call.path().startsWith(PREFIX)) {
            return Reply.message(404, "Not found: this is OpenMetadata's pipeline service, under " + PREFIX);
        }
        String operation = call.path().substring(PREFIX.length());
        if (call.body() != null && call.body().length() > maxBodyBytes) {
            return Reply.message(413, "The request body is over the " + maxBodyBytes + " bytes this function accepts");
        }
        // the two calls a 2.0 client makes before it has to authenticate (its CSRF pre-fetch); they reveal nothing
        if (operation.equals("health") && call.method().equals("GET")) {
            return Reply.of(200, Reply.JSON.createObjectNode().put("status", "healthy"));
        }
        if (operation.equals("csrf-token") && call.method().equals("GET")) {
            // no session here to protect: the token only lets the client's pre-fetch succeed
            return Reply.of(200, Reply.JSON.createObjectNode().put("csrf_token", UUID.randomUUID().toString()));
        }
        if (!credentials.get().admit(call.header("authorization"))) {
            FAILED_LOGINS.refused(clock.instant(), call.path(), call.sourceIp());
            return new Reply(401, Reply.JSON.createObjectNode().put("message", "Authentication failed").toString(),
                    Map.of("WWW-Authenticate", "Basic realm=\"pipelineService\""));
        }
        try {
            return route(call.method(), operation, call);
        } catch (BadRequest e) {
            return Reply.message(e.status(), e.getMessage());
        } catch (OpenMetadataException e) {
            return Reply.message(502, "OpenMetadata at " + settings.server() + " did not answer as expected: " + e.getMessage());
        }
    }

    private Reply route(String method, String operation, HttpCall call) {
        PipelineOperations pipelines = new PipelineOperations(settings, bot, schedules, runs, logs, clock);
        return switch (method + " " + operation) {
            case "GET health-auth" -> new Health(quickBot).answer();
            case "GET ip" -> Reply.of(200, Reply.JSON.createObjectNode().put("ip", settings.egressIp() != null
                    ? settings.egressIp()
                    : "Not fixed: the functions reach OpenMetadata from a Lambda address that changes; give them a NAT "
                    + "gateway and set OMREST_PIPELINE_SERVICE_EGRESS_IP to answer it here"));
            case "POST deploy" -> pipelines.deploy(object(call.body()));
            case "POST trigger" -> pipelines.trigger(bodyDagId(call));
            case "POST enable" -> pipelines.enable(bodyDagId(call), true);
            case "POST disable" -> pipelines.enable(bodyDagId(call), false);
            case "POST kill" -> pipelines.kill(bodyDagId(call));
            case "DELETE delete" -> pipelines.delete(dagId(call.query().get("dag_id")));
            case "GET status" -> pipelines.queued(dagId(call.query().get("dag_id")));
            case "GET last_dag_logs" -> pipelines.lastLogs(dagId(call.query().get("dag_id")), call.query().get("task_id"),
                    call.query().get("after"));
            case "POST run_automation" -> new Automations(settings, runs).trigger(object(call.body()));
            default -> Reply.message(404, "No operation " + method + " " + operation);
        };
    }

    /** The {@code dag_id} of a POST body ({@code {"dag_id": …}}). */
    private static String bodyDagId(HttpCall call) {
        return dagId(object(call.body()).path("dag_id").asText(null));
    }

    private static String dagId(String given) {
        if (given == null || given.isBlank()) {
            throw BadRequest.of("Missing dag_id");
        }
        return DagIds.clean(given);
    }

    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw BadRequest.of("The request body must be a JSON object");
        }
        try {
            JsonNode node = Reply.JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw BadRequest.of("The request body must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        } catch (JsonProcessingException e) {
            throw BadRequest.of("The request body is not JSON: " + e.getOriginalMessage());
        }
    }
}
