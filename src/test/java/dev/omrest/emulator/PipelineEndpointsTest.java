package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.emulator.OpenMetadataEmulator.Mode;
import dev.omrest.emulator.ScriptedOrchestrator.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UI journey of {@code openmetadata-pipeline-service.md} §5 replayed over HTTP against the emulator, in both modes,
 * with the emulator driving a scripted orchestrator as a real server's stock Airflow client does: what each endpoint
 * answers, what is stored, and every request the orchestrator got.
 */
class PipelineEndpointsTest {
    private static final String TOKEN = "test-bot-token";
    private static final String V1 = "/api/v1/openmetadata/";
    private static final String NAME = "petapi_metadata_Ab12Cd34";
    private static final String FQN = "petapi." + NAME;
    private static final String DAG_BODY = "{\"dag_id\":\"" + NAME + "\"}";
    private static final long START = Instant.parse("2026-12-05T00:00:00Z").toEpochMilli();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final ScriptedOrchestrator orchestrator = ScriptedOrchestrator.start();
    private OpenMetadataEmulator emulator;

    @AfterEach
    void stop() {
        orchestrator.close();
        if (emulator != null) {
            emulator.close();
        }
    }

    /** An emulator whose pipeline service client calls the scripted orchestrator, a plugin reporting the server's version. */
    private void start(Mode mode) {
        emulator = OpenMetadataEmulator.start(mode, TOKEN);
        orchestrator.plugin(V1, mode.version());
        emulator.pipelineServiceClient(orchestrator.url(), "admin", "secret").healthRetryBackoff(Duration.ZERO);
    }

    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theIngestionJourney(Mode mode) throws Exception {
        start(mode);
        boolean v16 = mode == Mode.V1_6;
        List<String> probes = v16 ? List.of() : List.of("GET /pluginsv2/api/v2/openmetadata/health-auth",
                "GET /api/v2/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth");

        // 1. is the orchestrator available?
        HttpResponse<String> status = send("GET", "/v1/services/ingestionPipelines/status", null);
        assertEquals(200, status.statusCode());
        assertEquals(json("{\"code\": 200, \"platform\": \"Airflow\", \"version\": \"" + mode.version() + "\"}"), json(status));
        traffic(concat(probes, List.of("GET /api/v1/openmetadata/health-auth")));

        // 2. the API service, created by POST
        JsonNode service = json(ok(201, send("POST", "/v1/services/apiServices", service(mode))));
        assertEquals(409, send("POST", "/v1/services/apiServices", service(mode)).statusCode());
        assertEquals(json(service(mode)).get("connection"),
                json(ok(200, send("GET", "/v1/services/apiServices/name/petapi", null))).get("connection"));

        // 3. the ingestion pipeline
        JsonNode created = json(ok(201, send("POST", "/v1/services/ingestionPipelines", createPipeline(service, NAME, false))));
        String id = created.get("id").asText();
        assertEquals(FQN, created.get("fullyQualifiedName").asText());
        assertEquals(json("{\"id\": \"" + service.get("id").asText() + "\", \"type\": \"apiService\", \"name\": \"petapi\", "
                + "\"fullyQualifiedName\": \"petapi\"}"), created.get("service"));
        assertEquals(json("""
                {"pausePipeline": false, "concurrency": 1, "startDate": %d, "pipelineTimezone": "UTC", "retries": 3,
                 "retryDelay": 300, "pipelineCatchup": false, "scheduleInterval": "0 * * * *", "maxActiveRuns": 1,
                 "workflowDefaultView": "tree", "workflowDefaultViewOrientation": "LR"}""".formatted(START)),
                created.get("airflowConfig"));
        assertEquals(json("{\"config\": {\"type\": \"ApiMetadata\"}}"), created.get("sourceConfig"));
        assertFalse(created.get("deployed").asBoolean());
        assertTrue(created.get("enabled").asBoolean());
        assertEquals(0.1, created.get("version").asDouble());
        assertEquals("INFO", created.get("loggerLevel").asText());
        assertEquals(emulator.apiUrl() + "/v1/services/ingestionPipelines/" + id, created.get("href").asText());
        assertEquals(v16 ? expectedConnection() : null, created.get("openMetadataServerConnection"),
                "a 1.6 server answers the bot's connection, a 2.0 server leaves it out");
        assertEquals(!v16, created.has("enableStreamableLogs"));
        assertEquals(created, json(ok(200, send("GET", "/v1/services/ingestionPipelines/" + id, null))));
        assertEquals(created, json(ok(200, send("GET", "/v1/services/ingestionPipelines/name/" + FQN, null))));
        JsonNode stored = emulator.ingestionPipeline(FQN).orElseThrow();
        assertFalse(stored.has("openMetadataServerConnection"), "never stored");
        traffic(List.of());

        // 4. schedule and deploy
        JsonNode deployed = json(ok(200, send("POST", "/v1/services/ingestionPipelines/deploy/" + id, null)));
        assertEquals(json("{\"code\": 200, \"reason\": \"{\\\"message\\\": \\\"Workflow [petapi_metadata] has been "
                + "created\\\"}\", \"platform\": \"Airflow\"}"), deployed);
        ObjectNode expectedDeploy = ((ObjectNode) stored).deepCopy();
        expectedDeploy.set("openMetadataServerConnection", expectedConnection());
        ((ObjectNode) expectedDeploy.get("airflowConfig")).put("startDate", "2026-12-05T00:00:00.000000Z");
        ScriptedOrchestrator.Seen deploy = last();
        assertEquals(expectedDeploy, deploy.json());
        assertEquals("2026-12-05T00:00:00.000000Z", deploy.json().get("airflowConfig").get("startDate").asText());
        assertEquals(TOKEN, deploy.json().get("openMetadataServerConnection").get("securityConfig").get("jwtToken").asText());
        assertFalse(deploy.json().get("deployed").asBoolean(), "deployed is set after the orchestrator's 200");
        traffic(concat(v16 ? List.of() : List.of("GET /api/v1/openmetadata/csrf-token"),
                List.of("POST /api/v1/openmetadata/deploy")));
        JsonNode afterDeploy = emulator.ingestionPipeline(FQN).orElseThrow();
        assertTrue(afterDeploy.get("deployed").asBoolean());
        assertEquals(0.2, afterDeploy.get("version").asDouble());

        // 5. run, and a run the orchestrator refuses
        assertEquals(json("{\"code\": 200, \"reason\": \"{\\\"message\\\": \\\"Workflow [petapi_metadata] has been "
                + "triggered\\\"}\", \"platform\": \"Airflow\"}"),
                json(ok(200, send("POST", "/v1/services/ingestionPipelines/trigger/" + id, null))));
        assertEquals(DAG_BODY, last().body());
        orchestrator.on("POST", V1 + "trigger", Answer.json(500, "{\"message\": \"boom\"}"));
        HttpResponse<String> refused = send("POST", "/v1/services/ingestionPipelines/trigger/" + id, null);
        assertEquals(400, refused.statusCode());
        assertEquals(json("{\"code\": 400, \"message\": \"Failed to trigger IngestionPipeline\"}"), json(refused));
        traffic(List.of("POST /api/v1/openmetadata/trigger", "POST /api/v1/openmetadata/trigger"));

        // 6. pause, resume, and a toggle of a pipeline the orchestrator does not know
        JsonNode paused = json(ok(200, send("POST", "/v1/services/ingestionPipelines/toggleIngestion/" + id, null)));
        assertFalse(paused.get("enabled").asBoolean());
        assertEquals(0.3, paused.get("version").asDouble());
        assertEquals(v16, paused.has("openMetadataServerConnection"));
        JsonNode resumed = json(ok(200, send("POST", "/v1/services/ingestionPipelines/toggleIngestion/" + id, null)));
        assertTrue(resumed.get("enabled").asBoolean());
        orchestrator.on("POST", V1 + "disable", Answer.json(404, "{\"error\": \"DAG not found\"}"));
        JsonNode unknown = json(ok(200, send("POST", "/v1/services/ingestionPipelines/toggleIngestion/" + id, null)));
        assertFalse(unknown.get("deployed").asBoolean());
        assertTrue(unknown.get("enabled").asBoolean());
        assertEquals(0.5, unknown.get("version").asDouble());
        assertEquals(List.of(DAG_BODY, DAG_BODY, DAG_BODY), orchestrator.seen().stream().map(ScriptedOrchestrator.Seen::body).toList());
        traffic(List.of("POST /api/v1/openmetadata/disable", "POST /api/v1/openmetadata/enable",
                "POST /api/v1/openmetadata/disable"));
        orchestrator.on("POST", V1 + "disable", Answer.json(200, "{}"));
        send("POST", "/v1/services/ingestionPipelines/deploy/" + id, null);
        orchestrator.clear();

        // 7. runs reported by the worker; the entity with its statuses
        String done = "3f1c0a52-2b4c-4a7e-9d61-0c5f3e2a1b00";
        String running = "7a2e4c1d-5b6f-4e8a-9c0d-1e2f3a4b5c6d";
        ok(200, send("PUT", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus", "{\"runId\": \"" + done
                + "\", \"pipelineState\": \"running\", \"startDate\": 1000, \"timestamp\": 1000}"));
        ok(200, send("PUT", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus", "{\"runId\": \"" + done
                + "\", \"pipelineState\": \"success\", \"startDate\": 1000, \"timestamp\": 1000, \"endDate\": 2000}"));
        ok(200, send("PUT", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus", "{\"runId\": \"" + running
                + "\", \"pipelineState\": \"running\", \"startDate\": 3000, \"timestamp\": 3000}"));
        JsonNode runningStatus = json("{\"runId\": \"" + running + "\", \"pipelineState\": \"running\", \"startDate\": 3000, "
                + "\"timestamp\": 3000}");
        JsonNode doneStatus = json("{\"runId\": \"" + done + "\", \"pipelineState\": \"success\", \"startDate\": 1000, "
                + "\"timestamp\": 1000, \"endDate\": 2000}");
        JsonNode withStatuses = json(ok(200, send("GET", "/v1/services/ingestionPipelines/name/" + FQN
                + "?fields=owners,pipelineStatuses", null)));
        assertEquals(v16 ? runningStatus : json("[" + runningStatus + ", " + doneStatus + "]"), withStatuses.get("pipelineStatuses"));
        assertEquals(doneStatus, json(ok(200, send("GET", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus/"
                + done, null))));
        assertEquals(204, send("GET", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus/"
                + "00000000-0000-0000-0000-000000000000", null).statusCode());

        // 8. kill: a 2.0 server marks the running run stopped itself
        assertEquals(json("{\"code\": 200, \"reason\": \"{\\\"message\\\": \\\"Workflow [petapi_metadata] has been "
                + "killed\\\"}\", \"platform\": \"Airflow\"}"),
                json(ok(200, send("POST", "/v1/services/ingestionPipelines/kill/" + id, null))));
        assertEquals(DAG_BODY, last().body());
        assertEquals(v16 ? List.of("running", "success", "running") : List.of("running", "success", "running", "stopped"),
                emulator.pipelineStatuses(FQN).stream().map(s -> s.get("pipelineState").asText()).toList());
        traffic(List.of("POST /api/v1/openmetadata/kill"));
        JsonNode latest = v16 ? runningStatus : ((ObjectNode) runningStatus.deepCopy()).put("pipelineState", "stopped");

        // 9. history: the orchestrator's queued runs first, then the stored ones
        orchestrator.on("GET", V1 + "status", Answer.json(200,
                "[{\"runId\": \"q-1\", \"pipelineState\": \"queued\", \"timestamp\": 4000}]"));
        JsonNode history = json(ok(200, send("GET", "/v1/services/ingestionPipelines/" + FQN
                + "/pipelineStatus?startTs=500&endTs=5000", null)));
        JsonNode queued = json("{\"runId\": \"q-1\", \"pipelineState\": \"queued\", \"timestamp\": 4000}");
        assertEquals(json("{\"data\": [" + queued + ", " + latest + ", " + doneStatus + "], \"paging\": {\"total\": 3}}"),
                history);
        JsonNode later = json(ok(200, send("GET", "/v1/services/ingestionPipelines/" + FQN
                + "/pipelineStatus?startTs=2500&endTs=5000", null)));
        assertEquals(json("[" + queued + ", " + latest + "]"), later.get("data"));
        HttpResponse<String> noRange = send("GET", "/v1/services/ingestionPipelines/" + FQN + "/pipelineStatus", null);
        if (v16) {
            assertEquals(400, noRange.statusCode(), "a 1.6 server needs startTs and endTs");
            traffic(List.of("GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true",
                    "GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true"));
        } else {
            assertEquals(history, json(ok(200, noRange)), "2.0: the latest runs without a range");
            assertEquals(json("[" + queued + ", " + latest + "]"), json(ok(200, send("GET", "/v1/services/ingestionPipelines/"
                    + FQN + "/pipelineStatus?limit=1", null))).get("data"));
            traffic(List.of("GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true",
                    "GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true",
                    "GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true",
                    "GET /api/v1/openmetadata/status?dag_id=" + NAME + "&only_queued=true"));
        }

        // 10. logs from the orchestrator (2.0 also by FQN)
        JsonNode logs = json(ok(200, send("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last?after=", null)));
        assertEquals(json("{\"ingestion_task\": \"line 1\\nline 2\", \"total\": \"1\"}"), logs);
        HttpResponse<String> byFqn = send("GET", "/v1/services/ingestionPipelines/logs/" + FQN + "/last", null);
        assertEquals(v16 ? 404 : 200, byFqn.statusCode());
        traffic(concat(List.of("GET /api/v1/openmetadata/last_dag_logs?after=&dag_id=" + NAME + "&task_id=ingestion_task"),
                v16 ? List.of() : List.of("GET /api/v1/openmetadata/last_dag_logs?dag_id=" + NAME + "&task_id=ingestion_task")));

        // 11. the list the service page shows
        JsonNode list = json(ok(200, send("GET", "/v1/services/ingestionPipelines?service=petapi&pipelineType=metadata"
                + "&fields=owners,pipelineStatuses", null)));
        assertEquals(1, list.get("paging").get("total").asInt());
        assertEquals(FQN, list.get("data").get(0).get("fullyQualifiedName").asText());
        assertEquals(withStatuses.get("pipelineStatuses").isArray() ? json("[" + latest + ", " + doneStatus + "]") : latest,
                list.get("data").get(0).get("pipelineStatuses"));
        assertEquals(0, json(ok(200, send("GET", "/v1/services/ingestionPipelines?service=petapi&pipelineType=dbt",
                null))).get("paging").get("total").asInt());

        // 12. delete: the orchestrator's failure does not keep the pipeline
        orchestrator.on("DELETE", V1 + "delete", Answer.json(500, "{}"));
        JsonNode deleted = json(ok(200, send("DELETE", "/v1/services/ingestionPipelines/" + id + "?hardDelete=true", null)));
        assertTrue(deleted.get("deleted").asBoolean());
        assertEquals(404, send("GET", "/v1/services/ingestionPipelines/" + id, null).statusCode());
        assertTrue(emulator.ingestionPipeline(FQN).isEmpty());
        assertEquals(List.of(), emulator.pipelineStatuses(FQN));
        traffic(List.of("DELETE /api/v1/openmetadata/delete?dag_id=" + NAME));
        assertEquals(List.of(), emulator.contractViolations());
        assertTrue(emulator.orchestratorClient().orElseThrow().requests().stream()
                .allMatch(sent -> sent.headers().get("Authorization").equals("Basic YWRtaW46c2VjcmV0")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamableLogsAreStoredAndReadBackByA20ServerOnly(Mode mode) throws Exception {
        start(mode);
        JsonNode service = json(ok(201, send("POST", "/v1/services/apiServices", service(mode))));
        String runId = "5d0c6e1a-9f3b-4c2d-8e7f-6a5b4c3d2e1f";
        HttpResponse<String> streamed = send("POST", "/v1/services/ingestionPipelines", createPipeline(service, "streamed", true));
        if (mode == Mode.V1_6) {
            assertEquals(400, streamed.statusCode());
            assertEquals("contract: unknown property 'enableStreamableLogs' in CreateIngestionPipeline (OpenMetadata 1.6)",
                    json(streamed).get("message").asText());
            ok(201, send("POST", "/v1/services/ingestionPipelines", createPipeline(service, "streamed", false)));
            assertEquals(404, send("POST", "/v1/services/ingestionPipelines/logs/petapi.streamed/" + runId,
                    "{\"logs\": \"a\"}").statusCode());
            assertEquals(404, send("POST", "/v1/services/ingestionPipelines/logs/petapi.streamed/" + runId + "/close",
                    "{}").statusCode());
            return;
        }
        String id = json(ok(201, streamed)).get("id").asText();
        assertTrue(emulator.ingestionPipeline("petapi.streamed").orElseThrow().get("enableStreamableLogs").asBoolean());
        HttpResponse<String> noRun = send("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last", null);
        assertEquals(400, noRun.statusCode());
        assertEquals("No runId found for the last ingestion pipeline run", json(noRun).get("message").asText());

        ok(200, send("PUT", "/v1/services/ingestionPipelines/petapi.streamed/pipelineStatus",
                "{\"runId\": \"" + runId + "\", \"pipelineState\": \"running\", \"timestamp\": 1}"));
        HttpResponse<String> batch = send("POST", "/v1/services/ingestionPipelines/logs/petapi.streamed/" + runId,
                "{\"logs\": \"first\\nsecond\\n\", \"timestamp\": 1, \"connectorId\": \"host-1\", \"compressed\": false, "
                        + "\"lineCount\": 2}");
        assertEquals(200, batch.statusCode());
        assertEquals("", batch.body());
        assertEquals("PIPELINE_SESSION=petapi_streamed_" + runId + "; Path=/; Max-Age=86400",
                batch.headers().firstValue("Set-Cookie").orElseThrow());
        ok(200, send("POST", "/v1/services/ingestionPipelines/logs/petapi.streamed/" + runId,
                "{\"logs\": \"" + gzipBase64("third") + "\", \"timestamp\": 2, \"connectorId\": \"host-1\", "
                        + "\"compressed\": true, \"lineCount\": 1}"));
        assertFalse(emulator.pipelineLogsClosed("petapi.streamed", runId));
        assertEquals(json("{\"message\": \"Log stream closed successfully\"}"), json(ok(200, send("POST",
                "/v1/services/ingestionPipelines/logs/petapi.streamed/" + runId + "/close", "{\"connectorId\": \"host-1\"}"))));
        assertTrue(emulator.pipelineLogsClosed("petapi.streamed", runId));
        assertEquals(List.of("[host-1] first", "second", "[host-1] third"), emulator.pipelineLogs("petapi.streamed", runId));

        orchestrator.clear();
        assertEquals(json("{\"ingestion_task\": \"[host-1] first\\nsecond\\n[host-1] third\", \"total\": \"3\"}"),
                json(ok(200, send("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last?after=", null))));
        assertEquals(json("{\"ingestion_task\": \"[host-1] first\\nsecond\", \"after\": \"2\", \"total\": \"3\"}"),
                json(ok(200, send("GET", "/v1/services/ingestionPipelines/logs/petapi.streamed/last?limit=2", null))));
        assertEquals(json("{\"ingestion_task\": \"[host-1] third\", \"total\": \"3\"}"),
                json(ok(200, send("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last?after=2&limit=2", null))));
        assertEquals(List.of(), orchestrator.lines(), "stored logs never ask the orchestrator");
        assertEquals(404, send("POST", "/v1/services/ingestionPipelines/logs/petapi.nosuch/" + runId, "{\"logs\": \"x\"}")
                .statusCode());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theTestConnectionWorkflow(Mode mode) throws Exception {
        start(mode);
        String config = mode == Mode.V1_6
                ? "{\"type\": \"Rest\", \"openAPISchemaURL\": \"https://api.example.com/openapi.json\", \"token\": \"spec-token\"}"
                : "{\"type\": \"Rest\", \"openAPISchemaConnection\": {\"openAPISchemaURL\": \"https://api.example.com/openapi.json\"}, "
                + "\"token\": \"spec-token\"}";
        String create = """
                {"name": "test-connection-Rest-ab12cd34", "workflowType": "TEST_CONNECTION",
                 "request": {"connection": {"config": %s}, "serviceType": "Api", "connectionType": "Rest",
                             "serviceName": "petapi"}}""".formatted(config);
        JsonNode created = json(ok(201, send("POST", "/v1/automations/workflows", create)));
        String id = created.get("id").asText();
        assertFalse(created.has("status"), "the server never sets a status (§7)");
        assertEquals(json("""
                {"connection": {"config": %s}, "serviceType": "Api", "connectionType": "Rest", "serviceName": "petapi",
                 "secretsManagerProvider": "db"}""".formatted(config)), created.get("request"));
        assertEquals("test-connection-Rest-ab12cd34", created.get("fullyQualifiedName").asText());
        assertEquals(expectedConnection(), created.get("openMetadataServerConnection"));
        assertEquals(emulator.apiUrl() + "/v1/automations/workflows/" + id, created.get("href").asText());
        JsonNode stored = emulator.workflow("test-connection-Rest-ab12cd34").orElseThrow();
        assertFalse(stored.has("openMetadataServerConnection"));
        assertEquals(409, send("POST", "/v1/automations/workflows", create).statusCode());

        // trigger: the stored workflow with the bot's connection, to run_automation; the UI needs the 200
        JsonNode triggered = json(ok(200, send("POST", "/v1/automations/workflows/trigger/" + id, null)));
        assertEquals(json("{\"code\": 200, \"reason\": \"{\\\"message\\\": \\\"Workflow [test] has been triggered.\\\"}\", "
                + "\"platform\": \"Airflow\"}"), triggered);
        ObjectNode expectedBody = ((ObjectNode) stored).deepCopy();
        expectedBody.set("openMetadataServerConnection", expectedConnection());
        assertEquals(expectedBody, last().json());
        assertFalse(last().json().has("status"));
        traffic(concat(mode == Mode.V1_6 ? List.of() : List.of("GET /pluginsv2/api/v2/openmetadata/health-auth",
                "GET /api/v2/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth",
                "GET /api/v1/openmetadata/csrf-token"), List.of("POST /api/v1/openmetadata/run_automation")));
        orchestrator.on("POST", V1 + "run_automation", Answer.json(500, "{}"));
        assertEquals(400, send("POST", "/v1/automations/workflows/trigger/" + id, null).statusCode());

        // the worker's patches, then its reads by id and by name
        HttpResponse<String> wrongType = send("PATCH", "/v1/automations/workflows/" + id,
                "[{\"op\": \"add\", \"path\": \"/status\", \"value\": \"Running\"}]");
        assertEquals(415, wrongType.statusCode());
        String running = "{\"status\": \"Running\", \"lastUpdatedAt\": 1, \"steps\": [{\"name\": \"CheckURL\", "
                + "\"mandatory\": true, \"passed\": true}]}";
        JsonNode patched = json(ok(200, patch("/v1/automations/workflows/" + id, "[{\"op\": \"add\", \"path\": \"/response\", "
                + "\"value\": " + running + "}, {\"op\": \"add\", \"path\": \"/status\", \"value\": \"Running\"}]")));
        assertEquals("Running", patched.get("status").asText());
        assertEquals(json(running), patched.get("response"));
        assertEquals(0.2, patched.get("version").asDouble());
        String successful = running.replace("\"Running\"", "\"Successful\"").replace("}]}", "}, {\"name\": \"CheckSchema\", "
                + "\"mandatory\": true, \"passed\": true}]}");
        ok(200, patch("/v1/automations/workflows/" + id, "[{\"op\": \"replace\", \"path\": \"/response\", \"value\": "
                + successful + "}, {\"op\": \"add\", \"path\": \"/status\", \"value\": \"Successful\"}]"));
        JsonNode byId = json(ok(200, send("GET", "/v1/automations/workflows/" + id, null)));
        assertEquals("Successful", byId.get("status").asText());
        assertEquals(json(successful), byId.get("response"));
        assertEquals(0.3, byId.get("version").asDouble());
        assertEquals(json(config), byId.get("request").get("connection").get("config"), "the bot sees the connection as given");
        assertEquals(byId, json(ok(200, send("GET", "/v1/automations/workflows/name/test-connection-Rest-ab12cd34", null))));

        // the worker's failure report (PUT CreateWorkflow), then the UI's hard delete
        JsonNode failed = json(ok(200, send("PUT", "/v1/automations/workflows", create.replace("\"workflowType\"",
                "\"status\": \"Failed\", \"response\": " + successful + ", \"workflowType\""))));
        assertEquals("Failed", failed.get("status").asText());
        assertEquals(0.4, failed.get("version").asDouble());
        assertEquals(id, failed.get("id").asText());
        ok(200, send("DELETE", "/v1/automations/workflows/" + id + "?hardDelete=true", null));
        assertEquals(404, send("GET", "/v1/automations/workflows/" + id, null).statusCode());
        assertTrue(emulator.workflow("test-connection-Rest-ab12cd34").isEmpty());
        assertEquals(List.of("PATCH /v1/automations/workflows/" + id + ": HTTP 415 Unsupported Media Type (Content-Type "
                + "application/json; expected application/json-patch+json)"), emulator.contractViolations());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutAClientTheEndpointsAnswerAsAServerWithTheClientDisabled(Mode mode) throws Exception {
        emulator = OpenMetadataEmulator.start(mode, TOKEN);
        boolean v16 = mode == Mode.V1_6;
        JsonNode service = json(ok(201, send("POST", "/v1/services/apiServices", service(mode))));
        String id = json(ok(201, send("POST", "/v1/services/ingestionPipelines", createPipeline(service, NAME, false))))
                .get("id").asText();
        String workflow = json(ok(201, send("POST", "/v1/automations/workflows", "{\"name\": \"tc\", "
                + "\"workflowType\": \"TEST_CONNECTION\", \"request\": {\"serviceType\": \"Api\"}}"))).get("id").asText();
        String disabledJson = "{\"code\": 200, \"reason\": \"Pipeline Client Disabled\"}";
        String notConfigured = "The emulator has no pipeline service client: call "
                + "OpenMetadataEmulator.pipelineServiceClient(apiEndpoint, username, password) first";

        assertEquals(json(v16 ? "{\"code\": 200, \"platform\": \"disabled\", \"version\": \"disabled\"}" : disabledJson),
                json(ok(200, send("GET", "/v1/services/ingestionPipelines/status", null))));
        for (String call : List.of("deploy", "trigger", "kill", "toggleIngestion")) {
            HttpResponse<String> answer = send("POST", "/v1/services/ingestionPipelines/" + call + "/" + id, null);
            if (v16) {
                assertEquals(500, answer.statusCode(), call);
                assertEquals(notConfigured, json(answer).get("message").asText());
            } else if (call.equals("toggleIngestion")) {
                assertEquals(200, answer.statusCode(), call);
                assertEquals("Pipeline Client Disabled", answer.body(), "a plain string entity");
            } else {
                assertEquals(200, answer.statusCode(), call);
                assertEquals(json(disabledJson), json(answer), call);
            }
        }
        HttpResponse<String> logs = send("GET", "/v1/services/ingestionPipelines/logs/" + id + "/last", null);
        assertEquals(v16 ? 500 : 200, logs.statusCode());
        HttpResponse<String> trigger = send("POST", "/v1/automations/workflows/trigger/" + workflow, null);
        assertEquals(v16 ? 500 : 200, trigger.statusCode());
        HttpResponse<String> ip = send("GET", "/v1/services/ingestionPipelines/ip", null);
        assertEquals(v16 ? 204 : 200, ip.statusCode());
        assertEquals(v16 ? "" : "Pipeline Client Disabled", ip.body());
        assertFalse(emulator.ingestionPipeline(FQN).orElseThrow().get("deployed").asBoolean());
        ok(200, send("DELETE", "/v1/services/ingestionPipelines/" + id + "?hardDelete=true", null));
        assertTrue(emulator.ingestionPipeline(FQN).isEmpty());
    }

    @Test
    void theHostIpIs204UnlessIngestionIpInfoIsEnabled() throws Exception {
        start(Mode.V2_0);
        HttpResponse<String> hidden = send("GET", "/v1/services/ingestionPipelines/ip", null);
        assertEquals(204, hidden.statusCode());
        assertEquals("", hidden.body());
        assertEquals(List.of(), orchestrator.lines());
        emulator.ingestionIpInfoEnabled(true);
        assertEquals(json("{\"ip\": \"203.0.113.7\"}"), json(ok(200, send("GET", "/v1/services/ingestionPipelines/ip", null))));
        orchestrator.on("GET", V1 + "ip", Answer.json(500, "{}"));
        assertTrue(json(ok(200, send("GET", "/v1/services/ingestionPipelines/ip", null))).get("ip").asText()
                .startsWith("Cannot find the IP of the pipeline service's host"), "an informative answer, never an error");
    }

    @Test
    void theStatusEndpointShowsAnUnhealthyOrchestratorAndFailsOnAnUnreadableVersion() throws Exception {
        start(Mode.V1_6);
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"status\": \"healthy\", \"version\": \"1.5.0\"}"));
        assertEquals(json("{\"code\": 500, \"reason\": \"Ingestion version [1.5.0] is older than server version [1.6.9]: "
                        + "upgrade the ingestion client.\", \"platform\": \"Airflow\"}"),
                json(ok(200, send("GET", "/v1/services/ingestionPipelines/status", null))));
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"version\": \"dev\"}"));
        HttpResponse<String> unreadable = send("GET", "/v1/services/ingestionPipelines/status", null);
        assertEquals(500, unreadable.statusCode());
        assertEquals(json("{\"code\": 500, \"message\": \"cannot read a version x.y.z from [dev]\"}"), json(unreadable));
        orchestrator.on("GET", V1 + "health-auth", Answer.json(401, "{}"));
        assertTrue(json(ok(200, send("GET", "/v1/services/ingestionPipelines/status", null))).get("reason").asText()
                .startsWith("Authentication failed for user [admin]"));
    }

    @Test
    void pipelineStatusesKeepTheConnectorContractAndAcceptQueuedAndStopped() throws Exception {
        emulator = OpenMetadataEmulator.start(Mode.V2_0, TOKEN);
        String path = "/v1/services/ingestionPipelines/petapi.petapi_metadata/pipelineStatus";
        for (String state : List.of("queued", "running", "stopped")) {
            ok(200, send("PUT", path, "{\"runId\": \"r\", \"pipelineState\": \"" + state + "\"}"));
        }
        HttpResponse<String> cancelled = send("PUT", path, "{\"runId\": \"r\", \"pipelineState\": \"cancelled\"}");
        assertEquals(400, cancelled.statusCode());
        assertEquals(List.of("PUT /v1/services/ingestionPipelines/petapi.petapi_metadata/pipelineStatus: contract: "
                + "$.pipelineState \"cancelled\" is not one of [queued, running, success, failed, partialSuccess, stopped]"),
                emulator.contractViolations());
        assertEquals(List.of("queued", "running", "stopped"),
                emulator.pipelineStatuses("petapi.petapi_metadata").stream().map(s -> s.get("pipelineState").asText()).toList());
        assertEquals(404, send("GET", path + "?startTs=0&endTs=1", null).statusCode(), "a list needs the pipeline");
    }

    @Test
    void aPutCreatesOrUpdatesAPipelineAndResetsWhatTheUiRedeploys() throws Exception {
        start(Mode.V2_0);
        JsonNode service = json(ok(201, send("POST", "/v1/services/apiServices", service(Mode.V2_0))));
        JsonNode created = json(ok(201, send("PUT", "/v1/services/ingestionPipelines", createPipeline(service, NAME, false))));
        ok(200, send("POST", "/v1/services/ingestionPipelines/deploy/" + created.get("id").asText(), null));
        String edit = createPipeline(service, NAME, false).replace("0 * * * *", "30 2 * * *");
        JsonNode edited = json(ok(200, send("PUT", "/v1/services/ingestionPipelines", edit)));
        assertEquals(created.get("id"), edited.get("id"));
        assertEquals("30 2 * * *", edited.get("airflowConfig").get("scheduleInterval").asText());
        assertFalse(edited.get("deployed").asBoolean(), "an edit is deployed again by the UI");
        assertEquals(0.3, edited.get("version").asDouble());
        assertEquals(edited, json(ok(200, send("PUT", "/v1/services/ingestionPipelines", edit))), "unchanged: same version");
        orchestrator.on("POST", V1 + "deploy", Answer.json(500, "{\"message\": \"cannot convert the schedule\"}"));
        HttpResponse<String> refused = send("POST", "/v1/services/ingestionPipelines/deploy/" + created.get("id").asText(), null);
        assertEquals(400, refused.statusCode());
        assertEquals("Failed to deploy ingestion pipeline [" + NAME + "]: the orchestrator answered HTTP 500 Internal "
                + "Server Error with {\"message\": \"cannot convert the schedule\"}", json(refused).get("message").asText());
        assertEquals(edited, emulator.ingestionPipeline(FQN).orElseThrow(), "not deployed, not saved");
        HttpResponse<String> otherType = send("POST", "/v1/services/ingestionPipelines", createPipeline(service, "x", false)
                .replace("\"apiService\"", "\"databaseService\""));
        assertEquals(404, otherType.statusCode());
        assertEquals("databaseService instance for " + service.get("id").asText() + " not found",
                json(otherType).get("message").asText());
        assertEquals(404, send("POST", "/v1/services/ingestionPipelines/deploy/not-a-uuid", null).statusCode());
        assertEquals(List.of(), emulator.contractViolations());
    }

    // ---------------------------------------------------------------------------------------------

    private static String service(Mode mode) {
        return mode == Mode.V1_6
                ? "{\"name\": \"petapi\", \"serviceType\": \"Rest\", \"connection\": {\"config\": {\"type\": \"Rest\", "
                + "\"openAPISchemaURL\": \"https://api.example.com/openapi.json\"}}}"
                : "{\"name\": \"petapi\", \"serviceType\": \"Rest\", \"connection\": {\"config\": {\"type\": \"Rest\", "
                + "\"openAPISchemaConnection\": {\"openAPISchemaURL\": \"https://api.example.com/openapi.json\"}}}}";
    }

    /** The UI's CreateIngestionPipeline: yesterday 00:00 as the start, an hourly schedule, 3 retries. */
    private static String createPipeline(JsonNode service, String name, boolean streamable) {
        return """
                {"name": "%s", "displayName": "%s", "pipelineType": "metadata",
                 "service": {"id": "%s", "type": "apiService"},
                 "sourceConfig": {"config": {"type": "ApiMetadata"}},
                 "airflowConfig": {"scheduleInterval": "0 * * * *", "startDate": "2026-12-05T00:00:00.000Z", "retries": 3},
                 "loggerLevel": "INFO"%s}""".formatted(name, name, service.get("id").asText(),
                streamable ? ", \"enableStreamableLogs\": true" : "");
    }

    /** The bot's connection as the server builds it (written out here, independently of the emulator's builder). */
    private JsonNode expectedConnection() {
        return json("""
                {"clusterName": "openmetadata", "type": "OpenMetadata", "hostPort": "%s", "authProvider": "openmetadata",
                 "verifySSL": "no-ssl", "securityConfig": {"jwtToken": "%s"}, "secretsManagerProvider": "db",
                 "secretsManagerLoader": "noop", "apiVersion": "v1", "includeTopics": true, "includeTables": true,
                 "includeDashboards": true, "includePipelines": true, "includeMlModels": true, "includeUsers": true,
                 "includeTeams": true, "includeGlossaryTerms": true, "includeTags": true, "includePolicy": true,
                 "includeMessagingServices": true, "enableVersionValidation": true, "includeDatabaseServices": true,
                 "includePipelineServices": true, "limitRecords": 1000, "forceEntityOverwriting": false,
                 "storeServiceConnection": true, "supportsDataInsightExtraction": true,
                 "supportsElasticSearchReindexingExtraction": true}""".formatted(emulator.apiUrl(), TOKEN));
    }

    private ScriptedOrchestrator.Seen last() {
        List<ScriptedOrchestrator.Seen> seen = orchestrator.seen();
        return seen.get(seen.size() - 1);
    }

    /** Asserts the orchestrator got exactly these requests since the last check, then forgets them. */
    private void traffic(List<String> expected) {
        assertEquals(expected, orchestrator.lines());
        orchestrator.clear();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String gzipBase64(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String ok(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.request().method() + " " + response.uri() + ": " + response.body());
        return response.body();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    private static JsonNode json(String text) {
        return OrchestratorClientTest.json(text);
    }

    private HttpResponse<String> patch(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.apiUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.apiUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
