package dev.omrest.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenMetadata server's stock pipeline service client for Airflow ({@code AirflowRESTClient}), as the server of
 * each emulated version drives an orchestrator: the HTTP calls, their headers and bodies, and what the server makes of
 * each answer (see {@code shared/docs/openmetadata-pipeline-service.md} §1.3). Written from that behaviour, not from
 * the server's code.
 *
 * <ul>
 *   <li>Every call: {@code Content-Type: application/json} and {@code Authorization: Basic base64(user:password)}; only
 *   HTTP 200 is a success; a connect timeout of 10 s and, but for the 2.0 probes (5 s), no request timeout.</li>
 *   <li>{@link OpenMetadataEmulator.Mode#V1_6}: the fixed prefix {@code {apiEndpoint}/api/v1/openmetadata/}, no CSRF;
 *   the health version must equal the server's x.y.z.</li>
 *   <li>{@link OpenMetadataEmulator.Mode#V2_0}: the prefix is found on first use by probing {@code health-auth} under
 *   {@code /pluginsv2/api/v2/openmetadata/}, {@code /api/v2/openmetadata/}, {@code /api/v1/openmetadata/}, in that
 *   order; the first 200 with a JSON string {@code version} wins and is kept (none: the call fails, and the next one
 *   probes again). Before a POST or DELETE, unless a token is held, a token is fetched from {@code csrf-token} (or, when
 *   that request fails outright, cookies from {@code health}); {@code X-CSRFToken} and {@code Cookie} then go with
 *   every request; a POST answered 400 mentioning "CSRF token" (a DELETE: "CSRF token has expired") is refetched and
 *   resent once. Health is asked up to 3 times while it is unhealthy or fails, {@link #healthRetryBackoff} apart. The
 *   version gate compares major.minor.</li>
 * </ul>
 *
 * <p>Errors the server turns into an HTTP error are thrown as {@link Failure} with the status the server answers the
 * UI. Every request sent is kept, for tests to assert the exact traffic ({@link #requests()}).
 */
public final class OrchestratorClient {
    public static final String PLATFORM = "Airflow";
    private static final String V1_PREFIX = "/api/v1/openmetadata/";
    /** The 2.0 probe order: Airflow 3 plugin, Airflow 2 with the v2 API, the classic v1 plugin. */
    private static final List<String> V2_0_PROBES = List.of("/pluginsv2/api/v2/openmetadata/", "/api/v2/openmetadata/",
            V1_PREFIX);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int HEALTH_ATTEMPTS = 3;

    /** What the server makes of an orchestrator answer (its {@code PipelineServiceClientResponse}). */
    public record Response(int code, String reason, String platform, String version) {
        /** The JSON the server answers, members as the server orders them, absent ones left out. */
        public ObjectNode toJson() {
            ObjectNode json = Json.NODES.objectNode();
            json.put("code", code);
            if (reason != null) {
                json.put("reason", reason);
            }
            if (platform != null) {
                json.put("platform", platform);
            }
            if (version != null) {
                json.put("version", version);
            }
            return json;
        }
    }

    /**
     * One request as sent: the raw path and query, the headers the client set (name as written, in order), the body
     * ({@code null} for none) and the status answered ({@code 0} when no answer came).
     */
    public record SentRequest(String method, String path, String query, Map<String, String> headers, String body,
                              int status) {
        /** {@code METHOD path[?query]}, for compact assertions. */
        public String line() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    /** A toggle's outcome: the answer and the pipeline as the client left it ({@code enabled} or {@code deployed} changed). */
    public record Toggled(Response response, ObjectNode pipeline) {
    }

    /** An error the server answers its caller with {@code status} (400 unless the server's own code says otherwise). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String base;
    private final String username;
    private final String authorization;
    private final OpenMetadataEmulator.Mode mode;
    private final String serverVersion;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final CsrfSession csrf = new CsrfSession();
    /** Guards the prefix detection and the token fetch, as one lock does on the server. */
    private final Object lock = new Object();
    private volatile String prefix;
    private volatile Duration healthBackoff = Duration.ofSeconds(5);
    private final List<SentRequest> sent = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param apiEndpoint   the orchestrator's base URL ({@code pipelineServiceClientConfiguration.apiEndpoint})
     * @param serverVersion the server's own version, e.g. {@code 2.0.1} or {@code 1.6.0-SNAPSHOT}
     */
    public OrchestratorClient(URI apiEndpoint, String username, String password, OpenMetadataEmulator.Mode mode,
                              String serverVersion) {
        String text = apiEndpoint.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.username = username;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.mode = mode;
        this.serverVersion = serverVersion;
    }

    /** The wait between health attempts on a 2.0 server (5 s there; tests shorten it). */
    public void healthRetryBackoff(Duration backoff) {
        this.healthBackoff = backoff;
    }

    /** The prefix in use, e.g. {@code /api/v1/openmetadata/}; empty on a 2.0 server before a probe succeeded. */
    public Optional<String> prefix() {
        return Optional.ofNullable(mode == OpenMetadataEmulator.Mode.V1_6 ? V1_PREFIX : prefix);
    }

    /** Every request sent so far, in order. */
    public List<SentRequest> requests() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public void clearRequests() {
        sent.clear();
    }

    // ------------------------------------------------------------------------------------------------
    // Operations

    /**
     * {@code GET health-auth}: code 200 with the reported version when the versions agree, else code 500 with a reason
     * (version mismatch, authentication failed, plugin not installed, unexpected answer, unreachable). An unreadable
     * version is a {@link Failure} 500, as the server's status endpoint answers.
     */
    public Response health() {
        if (mode == OpenMetadataEmulator.Mode.V1_6) {
            return healthOnce();
        }
        RuntimeException failure = null;
        Response last = null;
        for (int attempt = 1; attempt <= HEALTH_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                sleep(healthBackoff);
            }
            try {
                last = healthOnce();
                failure = null;
                if (last.code() < 500) {
                    return last;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return last;
    }

    private Response healthOnce() {
        String path = prefixPath("health-auth");
        HttpResponse<String> response;
        try {
            response = exchange("GET", path, "", null, true, null);
        } catch (IOException e) {
            return unhealthy("Cannot reach the orchestrator at [" + base + "]: " + e);
        }
        int status = response.statusCode();
        if (status == 200) {
            String version = versionOf(response.body())
                    .orElseThrow(() -> new Failure(500, "The orchestrator's health answer has no version: "
                            + response.body()));
            return VersionGate.compatible(mode, version, serverVersion)
                    ? new Response(200, null, PLATFORM, version)
                    : unhealthy(VersionGate.mismatch(version, serverVersion));
        }
        if (status == 401 || status == 403) {
            return unhealthy("Authentication failed for user [" + username + "] on the orchestrator at [" + base
                    + "] (HTTP " + status + ")");
        }
        if (status == 404) {
            return unhealthy("OpenMetadata plugin not installed: no OpenMetadata API at [" + base + "]");
        }
        return unhealthy("Unexpected answer from the orchestrator at [" + base + "]: HTTP " + status + ": "
                + response.body());
    }

    /** {@code GET ip}: the JSON map, e.g. {@code {"ip": "1.2.3.4"}}. */
    public Map<String, String> ip() {
        HttpResponse<String> response = get("ip", "", "Failed to get the Pipeline Service host IP");
        if (response.statusCode() != 200) {
            throw new Failure(400, "Failed to get the Pipeline Service host IP: " + response.body());
        }
        return stringMap(response.body(), "Failed to get the Pipeline Service host IP");
    }

    /** {@code POST deploy} with the whole pipeline JSON; 200 is code 200 with the answer's body as reason. */
    public Response deploy(JsonNode pipeline) {
        String name = pipeline.path("name").asText();
        HttpResponse<String> response;
        try {
            response = post("deploy", write(pipeline));
        } catch (IOException e) {
            throw new Failure(400, "Failed to deploy ingestion pipeline [" + name + "]: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new Failure(400, "Failed to deploy ingestion pipeline [" + name + "]: the orchestrator answered HTTP "
                    + statusText(response.statusCode()) + " with " + response.body());
        }
        return ok(response);
    }

    /** {@code POST trigger {"dag_id"}}; any answer but 200 is the server's 400 "Failed to trigger IngestionPipeline". */
    public Response trigger(String dagId) {
        HttpResponse<String> response;
        try {
            response = post("trigger", dagIdBody(dagId));
        } catch (IOException e) {
            throw new Failure(400, "Failed to trigger IngestionPipeline [" + dagId + "]: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            // the UI sees neither the orchestrator's status nor its body (observed on a 1.6 server)
            throw new Failure(400, "Failed to trigger IngestionPipeline");
        }
        return ok(response);
    }

    /**
     * {@code POST disable} when the pipeline is enabled, else {@code POST enable}: 200 flips {@code enabled}; 404 sets
     * {@code deployed} to false (code 404, no error); anything else is a {@link Failure}.
     */
    public Toggled toggle(JsonNode pipeline) {
        String name = pipeline.path("name").asText();
        boolean enabled = pipeline.path("enabled").asBoolean(true);
        HttpResponse<String> response;
        try {
            response = post(enabled ? "disable" : "enable", dagIdBody(name));
        } catch (IOException e) {
            throw new Failure(400, "Failed to toggle ingestion pipeline [" + name + "]: " + e.getMessage());
        }
        ObjectNode after = pipeline.deepCopy();
        if (response.statusCode() == 200) {
            after.put("enabled", !enabled);
            return new Toggled(ok(response), after);
        }
        if (response.statusCode() == 404) {
            after.put("deployed", false);
            return new Toggled(new Response(404, response.body(), PLATFORM, null), after);
        }
        throw new Failure(400, "Failed to toggle ingestion pipeline [" + name + "] state: the orchestrator answered HTTP "
                + statusText(response.statusCode()));
    }

    /** {@code POST kill {"dag_id"}}. */
    public Response kill(String dagId) {
        HttpResponse<String> response;
        try {
            response = post("kill", dagIdBody(dagId));
        } catch (IOException e) {
            throw new Failure(400, "Failed to kill the running workflows of [" + dagId + "]: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new Failure(400, "Failed to kill the running workflows of [" + dagId + "]: " + response.body());
        }
        return ok(response);
    }

    /** {@code DELETE delete?dag_id=}: never throws; anything but 200 is code 500. */
    public Response delete(String dagId) {
        String path = prefixPath("delete");
        String query = "dag_id=" + encode(dagId);
        try {
            fetchCsrfIfNeeded();
            HttpResponse<String> response = exchange("DELETE", path, query, null, true, null);
            if (csrfRefused(response, "CSRF token has expired")) {
                csrf.clear();
                fetchCsrfIfNeeded();
                response = exchange("DELETE", path, query, null, true, null);
            }
            if (response.statusCode() == 200) {
                return ok(response);
            }
        } catch (IOException e) {
            // as a non-200 answer: the server logs it and goes on
        }
        return new Response(500, "Failed to delete the pipeline [" + dagId + "] from the orchestrator", PLATFORM, null);
    }

    /** {@code GET status?dag_id=&only_queued=true}: the queued runs; any failure is an empty list. */
    public List<JsonNode> queuedStatuses(String dagId) {
        try {
            HttpResponse<String> response = exchange("GET", prefixPath("status"),
                    "dag_id=" + encode(dagId) + "&only_queued=true", null, true, null);
            if (response.statusCode() == 200) {
                JsonNode statuses = Json.MAPPER.readTree(response.body());
                if (statuses.isArray()) {
                    List<JsonNode> list = new ArrayList<>();
                    statuses.forEach(list::add);
                    return list;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the server shows the stored statuses alone
        }
        return List.of();
    }

    /**
     * {@code GET last_dag_logs?[after=&]dag_id=&task_id=}: the map ({@code {<taskKey>: text, "total": "N", "after":
     * "k"}}), scalar values as strings; {@code after} goes only when not null (an empty one goes, empty).
     */
    public Map<String, String> lastLogs(String dagId, String taskKey, String after) {
        String query = (after == null ? "" : "after=" + encode(after) + "&") + "dag_id=" + encode(dagId)
                + "&task_id=" + encode(taskKey);
        HttpResponse<String> response = get("last_dag_logs", query, "Failed to get the last ingestion logs");
        if (response.statusCode() != 200) {
            throw new Failure(400, "Failed to get the last ingestion logs: " + response.body());
        }
        return stringMap(response.body(), "Failed to get the last ingestion logs");
    }

    /** {@code POST run_automation} with the whole Workflow JSON. */
    public Response runAutomation(JsonNode workflow) {
        String name = workflow.path("name").asText();
        HttpResponse<String> response;
        try {
            response = post("run_automation", write(workflow));
        } catch (IOException e) {
            throw new Failure(400, "No response from the test connection of [" + name
                    + "]: make sure the service is reachable and accepting connections");
        }
        if (response.statusCode() != 200) {
            throw new Failure(400, "Failed to trigger workflow [" + name + "]: the orchestrator answered HTTP "
                    + statusText(response.statusCode()) + " with " + response.body());
        }
        return ok(response);
    }

    /** The task whose logs a pipeline type's run writes (what {@code last_dag_logs} is asked for). */
    public static String taskKeyOf(String pipelineType) {
        return switch (pipelineType) {
            case "profiler" -> "profiler_task";
            case "lineage" -> "lineage_task";
            case "dbt" -> "dbt_task";
            case "usage" -> "usage_task";
            case "TestSuite" -> "test_suite_task";
            case "dataInsight" -> "data_insight_task";
            case "application" -> "application_task";
            case "autoClassification" -> "auto_classification_task";
            case "elasticSearchReindex" -> "elasticsearch_reindex_task";
            default -> "ingestion_task"; // metadata, policyAgent and anything unknown
        };
    }

    // ------------------------------------------------------------------------------------------------
    // HTTP

    /** {@code prefix + op}; on a 2.0 server the prefix is probed for first (a {@link Failure} when none answers). */
    private String prefixPath(String op) {
        if (mode == OpenMetadataEmulator.Mode.V1_6) {
            return V1_PREFIX + op;
        }
        String known = prefix;
        if (known == null) {
            synchronized (lock) {
                if (prefix == null) {
                    prefix = detectPrefix();
                }
                known = prefix;
            }
        }
        return known + op;
    }

    private String detectPrefix() {
        for (String candidate : V2_0_PROBES) {
            try {
                HttpResponse<String> response = exchange("GET", candidate + "health-auth", "", null, false, PROBE_TIMEOUT);
                if (response.statusCode() == 200 && versionOf(response.body()).isPresent()) {
                    return candidate;
                }
            } catch (IOException e) {
                // the next candidate
            }
        }
        throw new Failure(400, "Unable to reach the orchestrator's OpenMetadata API at [" + base + "]: none of "
                + "/pluginsv2/api/v2, /api/v2 and /api/v1 answered health-auth with a version; the next call probes again");
    }

    /** A POST, with the 2.0 CSRF token fetched first and one resend after a CSRF refusal. */
    private HttpResponse<String> post(String op, String body) throws IOException {
        String path = prefixPath(op);
        fetchCsrfIfNeeded();
        HttpResponse<String> response = exchange("POST", path, "", body, true, null);
        if (csrfRefused(response, "CSRF token")) {
            csrf.clear();
            fetchCsrfIfNeeded();
            response = exchange("POST", path, "", body, true, null);
        }
        return response;
    }

    private boolean csrfRefused(HttpResponse<String> response, String mention) {
        return mode == OpenMetadataEmulator.Mode.V2_0 && response.statusCode() == 400 && response.body() != null
                && response.body().contains(mention);
    }

    /** An authenticated GET whose transport failure is a {@link Failure} 400 with {@code what}. */
    private HttpResponse<String> get(String op, String query, String what) {
        try {
            return exchange("GET", prefixPath(op), query, null, true, null);
        } catch (IOException e) {
            throw new Failure(400, what + ": " + e.getMessage());
        }
    }

    /** 2.0: a token from {@code csrf-token} (or cookies from {@code health} when that fails), unless one is held. */
    private void fetchCsrfIfNeeded() {
        if (mode != OpenMetadataEmulator.Mode.V2_0 || csrf.hasToken()) {
            return;
        }
        synchronized (lock) {
            if (csrf.hasToken()) {
                return;
            }
            try {
                HttpResponse<String> response = exchange("GET", prefixPath("csrf-token"), "", null, false, null);
                csrf.storeCookies(response);
                if (response.statusCode() == 200) {
                    try {
                        JsonNode token = Json.MAPPER.readTree(response.body()).path("csrf_token");
                        if (token.isTextual()) {
                            csrf.storeToken(token.asText());
                        }
                    } catch (JsonProcessingException e) {
                        // no token in the body
                    }
                }
            } catch (IOException | RuntimeException endpointFailed) {
                try {
                    csrf.storeCookies(exchange("GET", prefixPath("health"), "", null, false, null));
                } catch (IOException | RuntimeException healthFailed) {
                    // the request goes without a token
                }
            }
        }
    }

    /**
     * Sends one request and records it. {@code withSession}: the CSRF token and cookies go along when held (every
     * request but the probes and the token fetches themselves).
     */
    private HttpResponse<String> exchange(String method, String path, String query, String body, boolean withSession,
                                          Duration timeout) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", authorization);
        if (withSession) {
            csrf.addHeaders(headers);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        int status = 0;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            sent.add(new SentRequest(method, path, query, Collections.unmodifiableMap(headers), body, status));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    private static Response ok(HttpResponse<String> response) {
        return new Response(200, response.body(), PLATFORM, null);
    }

    private static Response unhealthy(String reason) {
        return new Response(500, reason, PLATFORM, null);
    }

    /** The JSON string {@code version} of a health answer, if it is one. */
    private static Optional<String> versionOf(String body) {
        try {
            JsonNode version = Json.MAPPER.readTree(body).path("version");
            return version.isTextual() ? Optional.of(version.asText()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A JSON object read as the server's {@code Map<String, String>}: scalars become their text. */
    private static Map<String, String> stringMap(String body, String what) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Failure(400, what + ": the answer is not JSON");
        }
        if (!node.isObject()) {
            throw new Failure(400, what + ": the answer is not a JSON object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new Failure(400, what + ": member " + e.getKey() + " is not a string");
            }
            map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        });
        return map;
    }

    /** The body the server's JSON object writer produces: compact, {@code {"dag_id":"..."}}. */
    private static String dagIdBody(String dagId) {
        return write(Json.NODES.objectNode().put("dag_id", dagId));
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Form encoding, as the server's URI builder encodes query values. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String statusText(int status) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return phrase == null ? Integer.toString(status) : status + " " + phrase;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(500, "interrupted while waiting to ask the orchestrator's health again");
        }
    }
}
