package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.OrchestratorClient;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.support.LambdaStandIn;
import dev.omrest.support.Specs;
import io.quarkus.arc.Arc;
import org.eclipse.microprofile.config.ConfigProvider;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static dev.omrest.function.PipelineServiceDeployment.GROUP;
import static dev.omrest.function.PipelineServiceDeployment.INGEST;
import static dev.omrest.function.PipelineServiceDeployment.LOG_GROUP;
import static dev.omrest.function.PipelineServiceDeployment.PASSWORD;
import static dev.omrest.function.PipelineServiceDeployment.ROLE;
import static dev.omrest.function.PipelineServiceDeployment.SELF;
import static dev.omrest.function.PipelineServiceDeployment.TOKEN;
import static dev.omrest.function.PipelineServiceDeployment.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UI journey of OpenMetadata's REST connector page, click by click, as plain HTTP against the emulator, whose stock
 * Airflow client calls pipelineService through a loopback function URL: is the orchestrator there, create the service,
 * test the connection, add and deploy an ingestion, run it, read its logs, pause and resume, kill a run, delete. The
 * asynchronous invocations go to a Lambda stand-in, which runs each event through the function it names (ingest, or
 * pipelineService itself for a test connection); schedules, secrets and logs are moto's.
 */
abstract class PipelineServiceJourney {
    static final String SERVICE = "petapi";
    static final String NAME = "petapi_metadata_Ab12Cd34";
    static final String FQN = SERVICE + "." + NAME;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    PipelineServiceDeployment.Servers servers;
    OpenMetadataEmulator om;
    FunctionUrlServer functionUrl;
    OrchestratorClient client;
    SchedulerClient scheduler;
    CloudWatchLogsClient logs;
    final List<JsonNode> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws IOException {
        servers = PipelineServiceDeployment.current;
        Assumptions.assumeTrue(servers != null, "moto is needed (python3 with moto[server])");
        om = servers.om();
        om.reset();
        functionUrl = FunctionUrlServer.forMockEventServer();
        client = om.pipelineServiceClient(URI.create(functionUrl.url()), USER, PASSWORD);
        client.healthRetryBackoff(Duration.ZERO);
        scheduler = servers.scheduler();
        logs = servers.logs();
        servers.specs().serve("/petstore.yaml", 200, "application/yaml",
                Files.readString(Path.of("examples/specs/petstore.yaml")));
        servers.lambda().clear();
        servers.lambda().onInvoke(this::run);
    }

    @AfterEach
    void disconnect() {
        if (functionUrl != null) {
            functionUrl.close();
            scheduler.close();
            logs.close();
        }
    }

    /** What Lambda does with a queued event: runs it through the function it names. */
    private void run(LambdaStandIn.Invocation invocation) {
        JsonNode event = Specs.readJson(invocation.payload());
        if (invocation.function().equals(INGEST)) {
            reports.add(Specs.JSON.valueToTree(Arc.container().instance(IngestFunction.class).get().ingest(event)));
        } else if (invocation.function().equals(SELF)) {
            // the function itself, as Lambda runs it: the mock event server, once the invocation that queued this ended
            try {
                HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class) + "/"))
                        .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(invocation.payload()))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, done.statusCode(), done.body());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @DisabledOnIntegrationTest("the Lambda stand-in runs the queued events in this JVM")
    void theUiJourney() throws Exception {
        boolean v16 = om.mode() == OpenMetadataEmulator.Mode.V1_6;

        // 1. is the orchestrator available? (a 2.0 client probes its paths first)
        JsonNode status = json(ok(200, ui("GET", "/v1/services/ingestionPipelines/status", null)));
        assertEquals(200, status.path("code").asInt(), status.toString());
        assertEquals("Airflow", status.path("platform").asText());
        assertEquals(om.mode().version(), status.path("version").asText());
        List<String> probes = client.requests().stream().map(r -> r.line() + " " + r.status()).toList();
        assertEquals(v16 ? List.of("GET /api/v1/openmetadata/health-auth 200")
                : List.of("GET /pluginsv2/api/v2/openmetadata/health-auth 404", "GET /api/v2/openmetadata/health-auth 404",
                "GET /api/v1/openmetadata/health-auth 200", "GET /api/v1/openmetadata/health-auth 200"), probes);

        // 2. the API service
        JsonNode service = json(ok(201, ui("POST", "/v1/services/apiServices", serviceBody(v16))));

        // 3. test connection
        testConnection(v16);

        // 4. add a metadata ingestion, hourly, and schedule and deploy it
        JsonNode pipeline = json(ok(201, ui("POST", "/v1/services/ingestionPipelines", pipelineBody(service))));
        String id = pipeline.path("id").asText();
        client.clearRequests();
        JsonNode deployed = json(ok(200, ui("POST", "/v1/services/ingestionPipelines/deploy/" + id, null)));
        assertEquals(200, deployed.path("code").asInt(), deployed.toString());
        assertEquals(List.of("POST /api/v1/openmetadata/deploy 200"),
                client.requests().stream().map(r -> r.line() + " " + r.status()).toList());
        assertEquals(!v16, client.requests().get(0).headers().containsKey("X-CSRFToken"));
        assertTrue(om.ingestionPipeline(FQN).orElseThrow().path("deployed").asBoolean());
        GetScheduleResponse schedule = scheduler.getSchedule(r -> r.groupName(GROUP).name(NAME));
        assertEquals("cron(0 * * * ? *)", schedule.scheduleExpression());
        assertEquals("UTC", schedule.scheduleExpressionTimezone());
        assertEquals(ScheduleState.ENABLED, schedule.state());
        assertEquals(INGEST, schedule.target().arn());
        assertEquals(ROLE, schedule.target().roleArn());
        assertEquals(Specs.readJson("{\"ingestionPipelineFQN\": \"" + FQN + "\", \"openMetadataServer\": \"" + om.apiUrl()
                + "\", \"trigger\": \"schedule\"}"), Specs.readJson(schedule.target().input()));
        assertFalse(schedule.target().input().contains(TOKEN), "a schedule never carries a secret");

        // 5. run it now: queued at once, then the run by reference, recorded under the trigger's run id
        try (LogShipper shipper = LogShipper.start()) {
            ok(200, ui("POST", "/v1/services/ingestionPipelines/trigger/" + id, null));
            await(() -> reports.size() == 1);
            shipper.ship(logs, LOG_GROUP, "2026/12/07/[$LATEST]run1");
        }
        LambdaStandIn.Invocation invocation = servers.lambda().invocations().get(0);
        assertEquals(INGEST, invocation.function());
        assertEquals("Event", invocation.invocationType());
        JsonNode input = Specs.readJson(invocation.payload());
        String runId = input.path("pipelineRunId").asText();
        assertEquals(Specs.readJson("{\"ingestionPipelineFQN\": \"" + FQN + "\", \"openMetadataServer\": \"" + om.apiUrl()
                + "\", \"trigger\": \"manual\", \"pipelineRunId\": \"" + runId + "\"}"), input);
        JsonNode report = reports.get(0);
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(FQN, report.path("ingestionPipeline").asText());
        assertEquals(runId, report.path("runId").asText());
        assertEquals(4, report.path("counts").path("apiCollection").path("created").asInt());
        assertEquals(9, report.path("counts").path("apiEndpoint").path("created").asInt());
        assertEquals(9, om.endpoints().size());
        assertEquals("success", json(ok(200, ui("GET", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus/"
                + runId, null))).path("pipelineState").asText());
        assertEquals(List.of("queued", "running", "success"), states(runId));

        // 6. its logs, as the UI's log viewer reads them
        JsonNode lastLogs = json(ok(200, ui("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last?after=", null)));
        String text = lastLogs.path("ingestion_task").asText();
        assertTrue(text.contains(" INFO ingest - ingest service=petapi status=success apiCollection[created=4"), text);
        assertEquals("1", lastLogs.path("total").asText());
        assertFalse(lastLogs.has("after"));
        // the pipeline does not ask for streamable logs: nothing goes to the server's log storage
        assertEquals(List.of(), om.pipelineLogs(FQN, runId));

        // 7. pause and resume: the schedule's state; a scheduled tick of a paused pipeline does not run
        assertFalse(json(ok(200, ui("POST", "/v1/services/ingestionPipelines/toggleIngestion/" + id, null)))
                .path("enabled").asBoolean());
        assertEquals(ScheduleState.DISABLED, scheduler.getSchedule(r -> r.groupName(GROUP).name(NAME)).state());
        JsonNode skipped = Specs.JSON.valueToTree(Arc.container().instance(IngestFunction.class).get()
                .ingest(Specs.readJson(schedule.target().input())));
        assertEquals("skipped", skipped.path("status").asText(), skipped.toString());
        assertEquals(List.of("queued", "running", "success"), states(runId));
        assertTrue(json(ok(200, ui("POST", "/v1/services/ingestionPipelines/toggleIngestion/" + id, null)))
                .path("enabled").asBoolean());
        assertEquals(ScheduleState.ENABLED, scheduler.getSchedule(r -> r.groupName(GROUP).name(NAME)).state());

        // 8. kill a run: the spec lost a tag (a collection to delete), writes are slow; the run stops and deletes nothing
        servers.specs().serve("/petstore.yaml", 200, "application/yaml",
                Files.readString(Path.of("examples/specs/petstore.yaml")).replace("- name: store", "- name: shop").replace("tags: [store]", "tags: [shop]"));
        om.injectFault(Fault.delay("PUT", "/v1/apiCollections", 100, 1500));
        reports.clear();
        servers.lambda().clear();
        om.clearRequests();
        ok(200, ui("POST", "/v1/services/ingestionPipelines/trigger/" + id, null));
        await(() -> !servers.lambda().invocations().isEmpty());
        String killed = Specs.readJson(servers.lambda().invocations().get(0).payload()).path("pipelineRunId").asText();
        await(() -> states(killed).contains("running"));
        Instant kill = Instant.now();
        JsonNode killAnswer = json(ok(200, ui("POST", "/v1/services/ingestionPipelines/kill/" + id, null)));
        // a 1.6 server leaves it to the orchestrator; a 2.0 server marks the run stopped itself before it asks
        assertEquals(v16 ? 1 : 0, Specs.readJson(killAnswer.path("reason").asText()).path("stoppedRuns").asInt(),
                killAnswer.toString());
        await(() -> reports.size() == 1);
        assertTrue(Duration.between(kill, Instant.now()).toMillis() < 10_000, "the run stops within 10 s");
        om.clearFaults();
        JsonNode stopped = reports.get(0);
        assertEquals("stopped", stopped.path("status").asText(), stopped.toString());
        assertEquals(killed, stopped.path("runId").asText());
        assertEquals(0, stopped.path("counts").path("apiEndpoint").path("deleted").asInt());
        assertEquals(0, stopped.path("counts").path("apiCollection").path("deleted").asInt());
        assertTrue(stopped.path("counts").path("apiEndpoint").path("skipped").asInt() > 0, stopped.toString());
        assertTrue(om.requests().stream().noneMatch(r -> r.method().equals("DELETE")), "a killed run deletes nothing");
        assertEquals("stopped", json(ok(200, ui("GET", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus/"
                + killed, null))).path("pipelineState").asText());

        // 9. delete the pipeline: its schedule goes
        ok(200, ui("DELETE", "/v1/services/ingestionPipelines/" + id + "?hardDelete=true", null));
        assertThrows(ResourceNotFoundException.class, () -> scheduler.getSchedule(r -> r.groupName(GROUP).name(NAME)));
        assertTrue(om.contractViolations().isEmpty(), om.contractViolations().toString());
    }

    @Test
    void thePublicUrlAdmitsOnlyTheServersClient() throws Exception {
        String base = functionUrl.url() + "/api/v1/openmetadata/";
        // what a 2.0 client asks before it authenticates
        assertEquals(Map.of("status", "healthy"), map(call("GET", base + "health", null, null)));
        assertEquals(200, call("GET", base + "csrf-token", null, null).statusCode());
        // everything else needs the stack's credentials
        HttpResponse<String> anonymous = call("GET", base + "health-auth", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Basic realm=\"pipelineService\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, call("GET", base + "health-auth", basic(USER, PASSWORD + "x"), null).statusCode());
        assertEquals(401, call("POST", base + "trigger", basic("admin", PASSWORD), "{\"dag_id\": \"x\"}").statusCode());
        assertTrue(servers.lambda().invocations().isEmpty());
        String auth = basic(USER, PASSWORD);
        assertEquals(om.mode().version(), map(call("GET", base + "health-auth", auth, null)).get("version"));
        assertEquals(Map.of("ip", "Not fixed: the functions reach OpenMetadata from a Lambda address that changes; give "
                + "them a NAT gateway and set OMREST_PIPELINE_SERVICE_EGRESS_IP to answer it here"),
                map(call("GET", base + "ip", auth, null)));
        // hostile and wrong calls are named, never 500s
        assertEquals(413, call("POST", base + "deploy", auth, "{\"x\": \"" + "a".repeat(1_100_000) + "\"}").statusCode());
        assertEquals(404, call("GET", functionUrl.url() + "/admin", auth, null).statusCode());
        assertEquals("The request body is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to "
                + "start field name", map(call("POST", base + "deploy", auth, "{not json")).get("message"));
        assertEquals("pipelineType 'dbt' is not supported: this orchestrator runs the metadata ingestion of API services "
                + "(REST) only", map(call("POST", base + "deploy", auth, "{\"name\": \"p\", \"fullyQualifiedName\": "
                + "\"s.p\", \"pipelineType\": \"dbt\", \"service\": {\"type\": \"apiService\"}}")).get("message"));
        assertEquals("The pipeline names OpenMetadata at https://elsewhere.example/api, but this orchestrator serves "
                + om.apiUrl() + " only (check the server's SERVER_HOST_API_URL)", map(call("POST", base + "deploy", auth,
                "{\"name\": \"p\", \"fullyQualifiedName\": \"s.p\", \"pipelineType\": \"metadata\", \"service\": "
                        + "{\"type\": \"apiService\"}, \"openMetadataServerConnection\": {\"hostPort\": "
                        + "\"https://elsewhere.example/api\"}}")).get("message"));
        HttpResponse<String> unknown = call("POST", base + "trigger", auth, "{\"dag_id\": \"nothing_here\"}");
        assertEquals(404, unknown.statusCode());
        assertEquals("No deployed pipeline [nothing_here]: deploy it from OpenMetadata first", map(unknown).get("message"));
        assertEquals("Missing dag_id", map(call("POST", base + "kill", auth, "{}")).get("message"));
        assertEquals("workflowType 'QUERY_RUNNER' is not supported: this orchestrator runs TEST_CONNECTION only",
                map(call("POST", base + "run_automation", auth, "{\"name\": \"w\", \"workflowType\": \"QUERY_RUNNER\"}"))
                        .get("message"));
        assertEquals(404, call("GET", base + "status?dag_id=nothing_here&only_queued=true", auth, null).statusCode());
        assertTrue(servers.lambda().invocations().isEmpty());
    }

    @Test
    @DisabledOnIntegrationTest("calls ingest in this JVM")
    void aReferenceRunsOnlyAgainstTheConfiguredServerAndAnExistingPipeline() {
        IngestFunction ingest = Arc.container().instance(IngestFunction.class).get();
        JsonNode elsewhere = Specs.JSON.valueToTree(ingest.ingest(Specs.readJson("{\"ingestionPipelineFQN\": \"s.p\", "
                + "\"openMetadataServer\": \"https://elsewhere.example/api\", \"trigger\": \"schedule\"}")));
        assertEquals("failed", elsewhere.path("status").asText());
        assertEquals("the reference names OpenMetadata at https://elsewhere.example/api; this function serves "
                + om.apiUrl() + " only", elsewhere.path("errors").path(0).path("message").asText());
        JsonNode gone = Specs.JSON.valueToTree(ingest.ingest(Specs.readJson("{\"ingestionPipelineFQN\": \"s.p\", "
                + "\"openMetadataServer\": \"" + om.apiUrl() + "\", \"trigger\": \"schedule\"}")));
        assertEquals("failed", gone.path("status").asText());
        assertEquals("ingestion pipeline s.p does not exist in OpenMetadata (deleted?): delete its schedule or deploy it "
                + "again", gone.path("errors").path(0).path("message").asText());
        assertTrue(om.requests().stream().map(RecordedRequest::path).noneMatch(p -> p.contains("apiCollections")));
    }

    /**
     * Test Connection as the UI runs it: the server creates a Workflow and posts it to run_automation, which answers at
     * once; the function's own asynchronous invocation (through the Lambda stand-in, the function as Lambda runs it)
     * re-reads it and patches it per step until it ends.
     */
    @Test
    void testConnectionFromTheUi() throws Exception {
        testConnection(om.mode() == OpenMetadataEmulator.Mode.V1_6);
    }

    private void testConnection(boolean v16) throws Exception {
        JsonNode workflow = json(ok(201, ui("POST", "/v1/automations/workflows", """
                {"name": "test-connection-Rest-Xy12Ab34", "workflowType": "TEST_CONNECTION",
                 "request": {"connection": {"config": %s}, "serviceType": "Api", "connectionType": "Rest",
                             "serviceName": "%s"}}""".formatted(connection(v16), SERVICE))));
        String workflowId = workflow.path("id").asText();
        client.clearRequests();
        ok(200, ui("POST", "/v1/automations/workflows/trigger/" + workflowId, null));
        // a 2.0 client fetches a CSRF token before its first POST and sends it with the session cookie (ignored here);
        // its path probes, when this is its first call, are the status step's business
        assertEquals(v16 ? List.of("POST /api/v1/openmetadata/run_automation 200")
                        : List.of("GET /api/v1/openmetadata/csrf-token 200", "POST /api/v1/openmetadata/run_automation 200"),
                client.requests().stream().map(r -> r.line() + " " + r.status()).filter(l -> !l.contains("health-auth")).toList());
        assertEquals(!v16, client.requests().get(client.requests().size() - 1).headers().containsKey("X-CSRFToken"));
        await(() -> om.workflow("test-connection-Rest-Xy12Ab34").orElseThrow().path("status").asText().equals("Successful"));
        JsonNode tested = json(ok(200, ui("GET", "/v1/automations/workflows/" + workflowId, null)));
        assertEquals("Successful", tested.path("response").path("status").asText());
        assertEquals(List.of("CheckURL", "CheckSchema"), names(tested.path("response").path("steps")));
        assertTrue(tested.path("response").path("steps").path(1).path("passed").asBoolean());
        assertEquals(List.of(new LambdaStandIn.Invocation(SELF, "Event",
                        "{\"runAutomation\":{\"workflow\":\"test-connection-Rest-Xy12Ab34\"}}")),
                servers.lambda().invocations());
        // upstream's runner: one patch per step (Running), then the end (Successful); each response a valid
        // TestConnectionResult (checked against OpenMetadata's schema when ../shared is present)
        List<RecordedRequest> patches = om.requests().stream().filter(r -> r.method().equals("PATCH")
                && r.path().equals("/api/v1/automations/workflows/" + workflowId)).toList();
        assertEquals(3, patches.size());
        for (RecordedRequest patch : patches) {
            JsonNode operations = Specs.readJson(patch.body());
            assertEquals("/response", operations.path(0).path("path").asText(), patch.body());
            TestConnectionFunctionTest.assertValidResult(operations.path(0).path("value"));
        }
        TestConnectionFunctionTest.assertValidResult(tested.path("response"));
        ok(200, ui("DELETE", "/v1/automations/workflows/" + workflowId + "?hardDelete=true", null));
        servers.lambda().clear();
    }

    /**
     * A full workflow config recorded on a pipeline, with upstream's top-level fields: the run id it is recorded under,
     * a run whose id was stopped before it began, and (2.0) its lines in the server's log storage when it asks.
     */
    @Test
    @DisabledOnIntegrationTest("calls ingest in this JVM")
    void recordedRunsFollowUpstreamsTopLevelFields() throws IOException, InterruptedException {
        boolean v16 = om.mode() == OpenMetadataEmulator.Mode.V1_6;
        IngestFunction ingest = Arc.container().instance(IngestFunction.class).get();
        JsonNode service = json(ok(201, ui("POST", "/v1/services/apiServices", serviceBody(v16))));
        ok(201, ui("POST", "/v1/services/ingestionPipelines", pipelineBody(service)));
        String runId = "0b8f7c1e-3a2d-4c5b-9e6f-7a8b9c0d1e2f";
        String payload = Payloads.with(Payloads.with(Payloads.with(Payloads.url(SERVICE,
                        servers.specs().url("/petstore.yaml"), null, null, om.apiUrl(), TOKEN),
                "ingestionPipelineFQN", FQN), "pipelineRunId", runId), "enableStreamableLogs", !v16);
        JsonNode report = Specs.JSON.valueToTree(ingest.ingest(Specs.readJson(payload)));
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(runId, report.path("runId").asText());
        assertEquals(FQN, report.path("ingestionPipeline").asText());
        assertEquals(List.of("running", "success"), states(runId));
        if (!v16) {
            String logged = String.join("\n", om.pipelineLogs(FQN, runId));
            assertTrue(logged.contains(" INFO ingest - ingest service=petapi status=success"), logged);
            assertFalse(logged.contains("%s"), "parameters are formatted: " + logged);
            assertTrue(om.pipelineLogsClosed(FQN, runId));
        }

        // a run killed while it was queued does not begin
        String killed = "1c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";
        ok(200, ui("PUT", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus", "{\"runId\": \"" + killed
                + "\", \"pipelineState\": \"stopped\", \"startDate\": 1000, \"timestamp\": 1000, \"endDate\": 2000}"));
        om.clearRequests();
        JsonNode notStarted = Specs.JSON.valueToTree(ingest.ingest(Specs.readJson(Payloads.with(payload, "pipelineRunId", killed))));
        assertEquals("stopped", notStarted.path("status").asText(), notStarted.toString());
        assertEquals("Not started: the run was killed from OpenMetadata before it began",
                notStarted.path("errors").path(0).path("message").asText());
        assertTrue(om.requests().stream().noneMatch(r -> r.method().equals("PUT") && r.path().contains("apiEndpoints")));

        JsonNode notUuid = Specs.JSON.valueToTree(ingest.ingest(Specs.readJson(Payloads.with(payload, "pipelineRunId", "run-7"))));
        assertEquals("failed", notUuid.path("status").asText());
        assertEquals("pipelineRunId must be a UUID, not 'run-7'", notUuid.path("errors").path(0).path("message").asText());
    }

    // ---------------------------------------------------------------------------------------------

    private static String connection(boolean v16) {
        String url = PipelineServiceDeployment.current.specs().url("/petstore.yaml");
        return v16 ? "{\"type\": \"Rest\", \"openAPISchemaURL\": \"" + url + "\"}"
                : "{\"type\": \"Rest\", \"openAPISchemaConnection\": {\"openAPISchemaURL\": \"" + url + "\"}}";
    }

    private static String serviceBody(boolean v16) {
        return "{\"name\": \"" + SERVICE + "\", \"serviceType\": \"Rest\", \"connection\": {\"config\": " + connection(v16) + "}}";
    }

    /** The UI's CreateIngestionPipeline: hourly from yesterday 00:00 UTC (the UI's start date), 3 retries. */
    private static String pipelineBody(JsonNode service) {
        return """
                {"name": "%s", "displayName": "%s", "pipelineType": "metadata",
                 "service": {"id": "%s", "type": "apiService"},
                 "sourceConfig": {"config": {"type": "ApiMetadata"}},
                 "airflowConfig": {"scheduleInterval": "0 * * * *", "startDate": "%s", "retries": 3},
                 "loggerLevel": "INFO"}""".formatted(NAME, NAME, service.path("id").asText(), yesterday());
    }

    /** The UI's start date: yesterday, 00:00 UTC. */
    private static String yesterday() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).toString();
    }

    private List<String> states(String runId) {
        return om.pipelineStatuses(FQN).stream().filter(s -> s.path("runId").asText().equals(runId))
                .map(s -> s.path("pipelineState").asText()).toList();
    }

    private static List<String> names(JsonNode steps) {
        return java.util.stream.StreamSupport.stream(steps.spliterator(), false).map(s -> s.path("name").asText()).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> ui(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(om.apiUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String url, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> ok(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.uri() + ": " + response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Specs.readJson(response.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> map(HttpResponse<String> response) {
        JsonNode node = Specs.readJson(response.body());
        return node instanceof ObjectNode ? Specs.JSON.convertValue(node, Map.class) : Map.of();
    }
}
