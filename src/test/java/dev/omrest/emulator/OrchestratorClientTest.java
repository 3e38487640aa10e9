package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.emulator.OpenMetadataEmulator.Mode;
import dev.omrest.emulator.OrchestratorClient.Failure;
import dev.omrest.emulator.OrchestratorClient.Response;
import dev.omrest.emulator.ScriptedOrchestrator.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OrchestratorClient} against a scripted loopback orchestrator: the exact traffic, and what becomes of answers. */
class OrchestratorClientTest {
    private static final String AUTH = "Basic YWRtaW46c2VjcmV0"; // admin:secret
    private static final String V1 = "/api/v1/openmetadata/";
    private static final String V2 = "/api/v2/openmetadata/";
    private static final String PLUGINS_V2 = "/pluginsv2/api/v2/openmetadata/";
    private static final String DAG = "petapi_metadata";
    private static final String DAG_BODY = "{\"dag_id\":\"petapi_metadata\"}";

    private final ScriptedOrchestrator orchestrator = ScriptedOrchestrator.start();

    @AfterEach
    void stop() {
        orchestrator.close();
    }

    private OrchestratorClient client(Mode mode, String serverVersion) {
        OrchestratorClient client = new OrchestratorClient(orchestrator.url(), "admin", "secret", mode, serverVersion);
        client.healthRetryBackoff(Duration.ZERO);
        return client;
    }

    private static ObjectNode pipeline(boolean enabled) {
        return (ObjectNode) json("{\"name\": \"petapi_metadata\", \"pipelineType\": \"metadata\", \"deployed\": true, "
                + "\"enabled\": " + enabled + ", \"sourceConfig\": {\"config\": {\"type\": \"ApiMetadata\"}}}");
    }

    // ---------------------------------------------------------------------------------------------
    // 1.6

    @Test
    void aVersion16ClientCallsTheFixedPrefixWithBasicAuthAndNoCsrf() {
        orchestrator.plugin(V1, "1.6.9");
        OrchestratorClient client = client(Mode.V1_6, "1.6.9");
        JsonNode workflow = json("{\"name\": \"test-connection-Rest-ab12cd34\", \"workflowType\": \"TEST_CONNECTION\"}");

        assertEquals(new Response(200, null, "Airflow", "1.6.9"), client.health());
        assertEquals(new Response(200, "{\"message\": \"Workflow [petapi_metadata] has been created\"}", "Airflow", null),
                client.deploy(pipeline(true)));
        assertEquals(200, client.trigger(DAG).code());
        OrchestratorClient.Toggled toggled = client.toggle(pipeline(true));
        assertEquals(200, client.kill(DAG).code());
        assertEquals(new Response(200, "{\"message\": \"DAG [petapi_metadata] has been deleted\"}", "Airflow", null),
                client.delete(DAG));
        assertEquals(List.of(), client.queuedStatuses(DAG));
        assertEquals(Map.of("ingestion_task", "line 1\nline 2", "total", "1"), client.lastLogs(DAG, "ingestion_task", null));
        client.lastLogs(DAG, "ingestion_task", "1");
        client.lastLogs(DAG, "ingestion_task", "");
        assertEquals(Map.of("ip", "203.0.113.7"), client.ip());
        assertEquals(200, client.runAutomation(workflow).code());

        List<String> expected = List.of(
                "GET /api/v1/openmetadata/health-auth",
                "POST /api/v1/openmetadata/deploy",
                "POST /api/v1/openmetadata/trigger",
                "POST /api/v1/openmetadata/disable",
                "POST /api/v1/openmetadata/kill",
                "DELETE /api/v1/openmetadata/delete?dag_id=petapi_metadata",
                "GET /api/v1/openmetadata/status?dag_id=petapi_metadata&only_queued=true",
                "GET /api/v1/openmetadata/last_dag_logs?dag_id=petapi_metadata&task_id=ingestion_task",
                "GET /api/v1/openmetadata/last_dag_logs?after=1&dag_id=petapi_metadata&task_id=ingestion_task",
                "GET /api/v1/openmetadata/last_dag_logs?after=&dag_id=petapi_metadata&task_id=ingestion_task",
                "GET /api/v1/openmetadata/ip",
                "POST /api/v1/openmetadata/run_automation");
        assertEquals(expected, orchestrator.lines());
        assertEquals(expected, client.requests().stream().map(OrchestratorClient.SentRequest::line).toList());
        for (ScriptedOrchestrator.Seen seen : orchestrator.seen()) {
            assertEquals("application/json", seen.header("Content-Type"), seen.line());
            assertEquals(AUTH, seen.header("Authorization"), seen.line());
            assertNull(seen.header("X-CSRFToken"), seen.line());
            assertNull(seen.header("Cookie"), seen.line());
        }
        for (OrchestratorClient.SentRequest sent : client.requests()) {
            assertEquals(Map.of("Content-Type", "application/json", "Authorization", AUTH), sent.headers());
            assertEquals(200, sent.status());
        }
        List<ScriptedOrchestrator.Seen> seen = orchestrator.seen();
        assertEquals(pipeline(true), seen.get(1).json());
        assertEquals(List.of(DAG_BODY, DAG_BODY, DAG_BODY), List.of(seen.get(2).body(), seen.get(3).body(), seen.get(4).body()));
        assertEquals(workflow, seen.get(11).json());
        assertEquals("", seen.get(5).body());
        assertEquals(false, toggled.pipeline().get("enabled").asBoolean());
        assertEquals(true, toggled.pipeline().get("deployed").asBoolean());
        assertEquals(new Response(200, "{\"message\": \"DAG petapi_metadata has been paused\"}", "Airflow", null),
                toggled.response());
        assertEquals(V1, client.prefix().orElseThrow());
    }

    @Test
    void aVersion16ServerWantsTheSameXyzIgnoringASnapshotSuffix() {
        OrchestratorClient client = client(Mode.V1_6, "1.6.0-SNAPSHOT");
        assertEquals(new Response(200, null, "Airflow", "1.6.0"), health(client, "1.6.0"));
        assertEquals(new Response(200, null, "Airflow", "1.6.0.dev0"), health(client, "1.6.0.dev0"));
        assertEquals(new Response(500, "Server version [1.6.0-SNAPSHOT] is older than ingestion version [1.6.1]: "
                + "upgrade the server or downgrade the ingestion client.", "Airflow", null), health(client, "1.6.1"));
        assertEquals(new Response(500, "Ingestion version [1.5.0] is older than server version [1.6.0-SNAPSHOT]: "
                + "upgrade the ingestion client.", "Airflow", null), health(client, "1.5.0"));
        assertEquals(500, health(client, "1.7.0").code());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"version\": \"dev\"}"));
        Failure unreadable = assertThrows(Failure.class, client::health);
        assertEquals(500, unreadable.status());
        assertEquals("cannot read a version x.y.z from [dev]", unreadable.getMessage());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"status\": \"healthy\"}"));
        assertEquals(500, assertThrows(Failure.class, client::health).status());
        assertEquals(7, orchestrator.lines().size(), "a 1.6 server asks once per status request");
    }

    @Test
    void unhealthyAnswersAreCode500WithTheReasonTheUiShows() throws IOException {
        OrchestratorClient client = client(Mode.V1_6, "1.6.9");
        String base = orchestrator.url().toString();
        orchestrator.on("GET", V1 + "health-auth", Answer.json(401, "{}"));
        assertEquals(new Response(500, "Authentication failed for user [admin] on the orchestrator at [" + base
                + "] (HTTP 401)", "Airflow", null), client.health());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(403, "{}"));
        assertEquals(new Response(500, "Authentication failed for user [admin] on the orchestrator at [" + base
                + "] (HTTP 403)", "Airflow", null), client.health());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(404, "{}"));
        assertEquals(new Response(500, "OpenMetadata plugin not installed: no OpenMetadata API at [" + base + "]",
                "Airflow", null), client.health());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(502, "bad gateway"));
        assertEquals(new Response(500, "Unexpected answer from the orchestrator at [" + base + "]: HTTP 502: bad gateway",
                "Airflow", null), client.health());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OrchestratorClient nowhere = new OrchestratorClient(URI.create("http://127.0.0.1:" + closedPort), "admin",
                "secret", Mode.V1_6, "1.6.9");
        Response unreachable = nowhere.health();
        assertEquals(500, unreachable.code());
        assertTrue(unreachable.reason().startsWith("Cannot reach the orchestrator at [http://127.0.0.1:" + closedPort
                + "]: java.net.ConnectException"), unreachable.reason());
        assertEquals(0, nowhere.requests().get(0).status());
    }

    @Test
    void theServerMakesOfEachAnswerWhatTheStockClientDoes() {
        orchestrator.plugin(V1, "1.6.9");
        OrchestratorClient client = client(Mode.V1_6, "1.6.9");

        OrchestratorClient.Toggled enabled = client.toggle(pipeline(false));
        assertTrue(enabled.pipeline().get("enabled").asBoolean());
        orchestrator.on("POST", V1 + "disable", Answer.json(404, "{\"error\": \"DAG not found\"}"));
        OrchestratorClient.Toggled notDeployed = client.toggle(pipeline(true));
        assertEquals(new Response(404, "{\"error\": \"DAG not found\"}", "Airflow", null), notDeployed.response());
        assertEquals(false, notDeployed.pipeline().get("deployed").asBoolean());
        assertEquals(true, notDeployed.pipeline().get("enabled").asBoolean());
        orchestrator.on("POST", V1 + "disable", Answer.json(500, "{}"));
        assertEquals(400, assertThrows(Failure.class, () -> client.toggle(pipeline(true))).status());

        orchestrator.on("POST", V1 + "deploy", Answer.json(500, "{\"error\": \"boom\"}"));
        Failure deploy = assertThrows(Failure.class, () -> client.deploy(pipeline(true)));
        assertEquals(400, deploy.status());
        assertEquals("Failed to deploy ingestion pipeline [petapi_metadata]: the orchestrator answered HTTP "
                + "500 Internal Server Error with {\"error\": \"boom\"}", deploy.getMessage());
        orchestrator.on("POST", V1 + "trigger", Answer.json(404, "{\"error\": \"not deployed\"}"));
        Failure trigger = assertThrows(Failure.class, () -> client.trigger(DAG));
        assertEquals(400, trigger.status());
        assertEquals("Failed to trigger IngestionPipeline", trigger.getMessage());
        orchestrator.on("POST", V1 + "kill", Answer.json(500, "{\"error\": \"nope\"}"));
        assertEquals("Failed to kill the running workflows of [petapi_metadata]: {\"error\": \"nope\"}",
                assertThrows(Failure.class, () -> client.kill(DAG)).getMessage());
        orchestrator.on("DELETE", V1 + "delete", Answer.json(500, "{}"));
        assertEquals(new Response(500, "Failed to delete the pipeline [petapi_metadata] from the orchestrator",
                "Airflow", null), client.delete(DAG));

        orchestrator.on("GET", V1 + "status", Answer.json(500, "{}"));
        assertEquals(List.of(), client.queuedStatuses(DAG));
        orchestrator.on("GET", V1 + "status", Answer.json(200, "[{\"runId\": \"q1\", \"pipelineState\": \"queued\"}]"));
        assertEquals(List.of(json("{\"runId\": \"q1\", \"pipelineState\": \"queued\"}")), client.queuedStatuses(DAG));

        orchestrator.on("GET", V1 + "last_dag_logs", Answer.json(200, "{\"ingestion_task\": \"x\", \"total\": 3, \"after\": 1}"));
        assertEquals(Map.of("ingestion_task", "x", "total", "3", "after", "1"), client.lastLogs(DAG, "ingestion_task", null));
        orchestrator.on("GET", V1 + "last_dag_logs", Answer.json(404, "{\"error\": \"no runs\"}"));
        assertEquals("Failed to get the last ingestion logs: {\"error\": \"no runs\"}",
                assertThrows(Failure.class, () -> client.lastLogs(DAG, "ingestion_task", null)).getMessage());
        orchestrator.on("GET", V1 + "ip", Answer.json(500, "{}"));
        assertEquals(400, assertThrows(Failure.class, client::ip).status());
        orchestrator.on("POST", V1 + "run_automation", Answer.drop());
        Failure automation = assertThrows(Failure.class,
                () -> client.runAutomation(json("{\"name\": \"test-connection-Rest-ab12cd34\"}")));
        assertEquals("No response from the test connection of [test-connection-Rest-ab12cd34]: make sure the service "
                + "is reachable and accepting connections", automation.getMessage());
        assertEquals(0, client.requests().get(client.requests().size() - 1).status());
    }

    // ---------------------------------------------------------------------------------------------
    // 2.0

    @Test
    void aVersion20ClientProbesInOrderAndKeepsTheFirstPrefixAnsweringAVersion() {
        orchestrator.on("GET", PLUGINS_V2 + "health-auth", Answer.json(404, "{}"));
        orchestrator.on("GET", V2 + "health-auth", Answer.json(200, "<html>Airflow</html>"));
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"status\": \"healthy\", \"version\": \"2.0.7\"}"));
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        assertTrue(client.prefix().isEmpty());

        assertEquals(new Response(200, null, "Airflow", "2.0.7"), client.health());
        assertEquals(List.of("GET /pluginsv2/api/v2/openmetadata/health-auth", "GET /api/v2/openmetadata/health-auth",
                "GET /api/v1/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth"), orchestrator.lines());
        for (ScriptedOrchestrator.Seen probe : orchestrator.seen()) {
            assertEquals(AUTH, probe.header("Authorization"));
            assertEquals("application/json", probe.header("Content-Type"));
        }
        assertEquals(V1, client.prefix().orElseThrow());
        client.health();
        assertEquals(5, orchestrator.lines().size(), "the prefix is kept: no probe again");

        orchestrator.on("GET", PLUGINS_V2 + "health-auth", Answer.json(200, "{\"version\": \"2.0.7\"}"));
        OrchestratorClient airflow3 = client(Mode.V2_0, "2.0.1");
        orchestrator.clear();
        airflow3.health();
        assertEquals(List.of("GET /pluginsv2/api/v2/openmetadata/health-auth",
                "GET /pluginsv2/api/v2/openmetadata/health-auth"), orchestrator.lines());
    }

    @Test
    void whenNoPrefixAnswersTheCallFailsAndTheNextOneProbesAgain() {
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        Failure failure = assertThrows(Failure.class, client::health);
        assertEquals(400, failure.status());
        assertTrue(failure.getMessage().startsWith("Unable to reach the orchestrator's OpenMetadata API at ["
                + orchestrator.url() + "]"), failure.getMessage());
        List<String> probes = List.of("GET /pluginsv2/api/v2/openmetadata/health-auth",
                "GET /api/v2/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth");
        assertEquals(concat(probes, probes, probes), orchestrator.lines(), "health is asked 3 times, probing each time");

        orchestrator.clear();
        assertEquals(400, assertThrows(Failure.class, () -> client.deploy(pipeline(true))).status());
        assertEquals(probes, orchestrator.lines(), "no POST without a prefix");

        orchestrator.on("GET", V2 + "health-auth", Answer.json(200, "{\"version\": \"2.0.1\"}"));
        orchestrator.clear();
        assertEquals(200, client.health().code());
        assertEquals(List.of("GET /pluginsv2/api/v2/openmetadata/health-auth", "GET /api/v2/openmetadata/health-auth",
                "GET /api/v2/openmetadata/health-auth"), orchestrator.lines());
    }

    @Test
    void aVersion20ClientFetchesACsrfTokenOnceAndSendsItWithTheSessionCookies() {
        orchestrator.plugin(V1, "2.0.7");
        orchestrator.on("GET", V1 + "csrf-token", Answer.json(200, "{\"csrf_token\": \"token-1\"}")
                .withCookies("session=s-1; Path=/; HttpOnly", "csrftoken=cookie-token; Path=/"));
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");

        client.deploy(pipeline(true));
        client.trigger(DAG);
        client.health();
        client.delete(DAG);
        assertEquals(List.of("GET /pluginsv2/api/v2/openmetadata/health-auth", "GET /api/v2/openmetadata/health-auth",
                "GET /api/v1/openmetadata/health-auth", "GET /api/v1/openmetadata/csrf-token",
                "POST /api/v1/openmetadata/deploy", "POST /api/v1/openmetadata/trigger",
                "GET /api/v1/openmetadata/health-auth", "DELETE /api/v1/openmetadata/delete?dag_id=petapi_metadata"),
                orchestrator.lines());
        List<ScriptedOrchestrator.Seen> seen = orchestrator.seen();
        for (ScriptedOrchestrator.Seen request : seen.subList(0, 4)) {
            assertNull(request.header("X-CSRFToken"), request.line());
            assertNull(request.header("Cookie"), request.line());
        }
        for (ScriptedOrchestrator.Seen request : seen.subList(4, 8)) {
            // the body's token wins over the cookie's; every cookie goes back, GETs included once a token is held
            assertEquals("token-1", request.header("X-CSRFToken"), request.line());
            assertEquals("session=s-1; csrftoken=cookie-token", request.header("Cookie"), request.line());
            assertEquals(AUTH, request.header("Authorization"), request.line());
        }
        assertEquals(Map.of("Content-Type", "application/json", "Authorization", AUTH, "X-CSRFToken", "token-1",
                "Cookie", "session=s-1; csrftoken=cookie-token"), client.requests().get(4).headers());
    }

    @Test
    void aPostRefusedForItsCsrfTokenIsResentOnceWithAFreshToken() {
        orchestrator.plugin(V1, "2.0.7");
        orchestrator.on("GET", V1 + "csrf-token", Answer.json(200, "{\"csrf_token\": \"token-1\"}"),
                Answer.json(200, "{\"csrf_token\": \"token-2\"}"));
        orchestrator.on("POST", V1 + "deploy", Answer.json(400, "{\"detail\": \"The CSRF token has expired.\"}"),
                Answer.json(200, "{\"message\": \"created\"}"));
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        client.health();
        orchestrator.clear();

        assertEquals(new Response(200, "{\"message\": \"created\"}", "Airflow", null), client.deploy(pipeline(true)));
        assertEquals(List.of("GET /api/v1/openmetadata/csrf-token", "POST /api/v1/openmetadata/deploy",
                "GET /api/v1/openmetadata/csrf-token", "POST /api/v1/openmetadata/deploy"), orchestrator.lines());
        assertEquals("token-1", orchestrator.seen().get(1).header("X-CSRFToken"));
        assertEquals("token-2", orchestrator.seen().get(3).header("X-CSRFToken"));

        orchestrator.on("POST", V1 + "trigger", Answer.json(400, "{\"detail\": \"The CSRF token is missing.\"}"));
        orchestrator.clear();
        assertEquals("Failed to trigger IngestionPipeline", assertThrows(Failure.class, () -> client.trigger(DAG)).getMessage());
        assertEquals(List.of("POST /api/v1/openmetadata/trigger", "GET /api/v1/openmetadata/csrf-token",
                "POST /api/v1/openmetadata/trigger"), orchestrator.lines(), "resent once, not twice");

        orchestrator.on("POST", V1 + "kill", Answer.json(400, "{\"detail\": \"bad request\"}"));
        orchestrator.clear();
        assertThrows(Failure.class, () -> client.kill(DAG));
        assertEquals(List.of("POST /api/v1/openmetadata/kill"), orchestrator.lines(), "no CSRF mention, no resend");
    }

    @Test
    void aDeleteIsResentOnlyWhenItsTokenExpired() {
        orchestrator.plugin(V1, "2.0.7");
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        client.health();
        orchestrator.on("DELETE", V1 + "delete", Answer.json(400, "{\"detail\": \"The CSRF token is missing.\"}"));
        orchestrator.clear();
        assertEquals(500, client.delete(DAG).code());
        assertEquals(List.of("GET /api/v1/openmetadata/csrf-token",
                "DELETE /api/v1/openmetadata/delete?dag_id=petapi_metadata"), orchestrator.lines());

        orchestrator.on("DELETE", V1 + "delete", Answer.json(400, "{\"detail\": \"The CSRF token has expired.\"}"),
                Answer.json(200, "{}"));
        orchestrator.clear();
        assertEquals(200, client.delete(DAG).code());
        assertEquals(List.of("DELETE /api/v1/openmetadata/delete?dag_id=petapi_metadata",
                "GET /api/v1/openmetadata/csrf-token", "DELETE /api/v1/openmetadata/delete?dag_id=petapi_metadata"),
                orchestrator.lines());
    }

    @Test
    void theTokenComesFromHealthCookiesOnlyWhenItsEndpointFailsOutright() {
        orchestrator.plugin(V1, "2.0.7");
        orchestrator.on("GET", V1 + "csrf-token", Answer.drop());
        orchestrator.on("GET", V1 + "health", Answer.json(200, "{\"status\": \"healthy\"}")
                .withCookies("csrftoken=health-token; Path=/"));
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        client.health();
        orchestrator.clear();
        client.trigger(DAG);
        List<String> lines = orchestrator.lines();
        assertEquals("GET /api/v1/openmetadata/health", lines.get(lines.size() - 2));
        assertEquals("POST /api/v1/openmetadata/trigger", lines.get(lines.size() - 1));
        assertTrue(lines.subList(0, lines.size() - 2).stream().allMatch("GET /api/v1/openmetadata/csrf-token"::equals),
                lines.toString());
        ScriptedOrchestrator.Seen trigger = orchestrator.seen().get(lines.size() - 1);
        assertEquals("health-token", trigger.header("X-CSRFToken"));
        assertEquals("csrftoken=health-token", trigger.header("Cookie"));
        assertEquals(List.of("GET /api/v1/openmetadata/csrf-token", "GET /api/v1/openmetadata/health",
                "POST /api/v1/openmetadata/trigger"), client.requests().stream().skip(4)
                .map(OrchestratorClient.SentRequest::line).toList());

        // a token endpoint that answers (even 404) is no failure: no fallback, no token, asked again next time
        orchestrator.on("GET", V1 + "csrf-token", Answer.json(404, "{}"));
        OrchestratorClient noToken = client(Mode.V2_0, "2.0.1");
        noToken.health();
        orchestrator.clear();
        noToken.trigger(DAG);
        noToken.kill(DAG);
        assertEquals(List.of("GET /api/v1/openmetadata/csrf-token", "POST /api/v1/openmetadata/trigger",
                "GET /api/v1/openmetadata/csrf-token", "POST /api/v1/openmetadata/kill"), orchestrator.lines());
        assertNull(orchestrator.seen().get(1).header("X-CSRFToken"));
        assertNull(orchestrator.seen().get(1).header("Cookie"));
    }

    @Test
    void aVersion20ServerComparesMajorMinorAndAsksAnUnhealthyOrchestratorThreeTimes() {
        orchestrator.plugin(V1, "2.0.7");
        OrchestratorClient client = client(Mode.V2_0, "2.0.1");
        assertEquals(new Response(200, null, "Airflow", "2.0.7"), client.health());
        assertEquals(new Response(200, null, "Airflow", "2.0.0"), health(client, "2.0.0"));
        orchestrator.clear();

        client.healthRetryBackoff(Duration.ofMillis(150));
        long start = System.nanoTime();
        assertEquals(new Response(500, "Server version [2.0.1] is older than ingestion version [2.1.0]: upgrade the "
                + "server or downgrade the ingestion client.", "Airflow", null), health(client, "2.1.0"));
        assertTrue(System.nanoTime() - start >= 300_000_000L, "two waits between three attempts");
        assertEquals(List.of("GET /api/v1/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth",
                "GET /api/v1/openmetadata/health-auth"), orchestrator.lines());
        client.healthRetryBackoff(Duration.ZERO);

        assertEquals("Ingestion version [1.9.9] is older than server version [2.0.1]: upgrade the ingestion client.",
                health(client, "1.9.9").reason());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(401, "{}"));
        orchestrator.clear();
        assertEquals(500, client.health().code());
        assertEquals(3, orchestrator.lines().size());
        orchestrator.on("GET", V1 + "health-auth", Answer.json(200, "{\"version\": \"latest\"}"));
        orchestrator.clear();
        assertEquals(500, assertThrows(Failure.class, client::health).status());
        assertEquals(3, orchestrator.lines().size());
    }

    @Test
    void taskKeysFollowThePipelineType() {
        assertEquals("ingestion_task", OrchestratorClient.taskKeyOf("metadata"));
        assertEquals("profiler_task", OrchestratorClient.taskKeyOf("profiler"));
        assertEquals("test_suite_task", OrchestratorClient.taskKeyOf("TestSuite"));
        assertEquals("auto_classification_task", OrchestratorClient.taskKeyOf("autoClassification"));
        assertEquals("elasticsearch_reindex_task", OrchestratorClient.taskKeyOf("elasticSearchReindex"));
        assertEquals("ingestion_task", OrchestratorClient.taskKeyOf("policyAgent"));
    }

    // ---------------------------------------------------------------------------------------------

    private Response health(OrchestratorClient client, String version) {
        String prefix = client.prefix().orElse(V1);
        orchestrator.on("GET", prefix + "health-auth", Answer.json(200, "{\"status\": \"healthy\", \"version\": \""
                + version + "\"}"));
        return client.health();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
