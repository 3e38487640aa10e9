package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.OrchestratorClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FunctionUrlServer} against an in-process stand-in for Quarkus' Lambda mock event server: by default it
 * answers 200 with the event it got, so the HTTP client sees exactly what the function would have been handed.
 */
class FunctionUrlServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpServer eventServer;
    private final List<String> posted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> postedContentTypes = Collections.synchronizedList(new ArrayList<>());
    /** The event server's answer to an event: {status, body}. */
    private volatile Function<String, Object[]> answer = event -> new Object[]{200, event};
    private FunctionUrlServer url;

    @BeforeEach
    void start() throws IOException {
        eventServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        eventServer.createContext("/", exchange -> {
            String event;
            try (InputStream in = exchange.getRequestBody()) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            posted.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            postedContentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            Object[] reply = answer.apply(event);
            byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders((Integer) reply[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        eventServer.start();
        url = new FunctionUrlServer(URI.create("http://127.0.0.1:" + eventServer.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stop() {
        url.close();
        eventServer.stop(0);
    }

    @Test
    void aGetBecomesAFunctionUrlEventWithHeadersCookiesAndQueryParameters() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url.url()
                                + "/api/v1/openmetadata/status?dag_id=petapi_metadata&only_queued=true&x=1&x=a%20b"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic YWRtaW46c2VjcmV0")
                        .header("X-Multi", "one").header("X-Multi", "two")
                        .header("Cookie", "session=s1; csrftoken=c1")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of("POST /"), posted);
        assertEquals(List.of("application/json"), postedContentTypes);
        JsonNode event = JSON.readTree(response.body());
        assertEquals(url.events().get(0), event);
        assertEquals("2.0", event.get("version").asText());
        assertEquals("$default", event.get("routeKey").asText());
        assertEquals("/api/v1/openmetadata/status", event.get("rawPath").asText());
        assertEquals("dag_id=petapi_metadata&only_queued=true&x=1&x=a%20b", event.get("rawQueryString").asText());
        assertEquals(JSON.readTree("[\"session=s1\", \"csrftoken=c1\"]"), event.get("cookies"));
        assertEquals(JSON.readTree("{\"dag_id\": \"petapi_metadata\", \"only_queued\": \"true\", \"x\": \"1,a b\"}"),
                event.get("queryStringParameters"));
        JsonNode headers = event.get("headers");
        assertEquals("application/json", headers.get("content-type").asText());
        assertEquals("Basic YWRtaW46c2VjcmV0", headers.get("authorization").asText());
        assertEquals("one,two", headers.get("x-multi").asText());
        assertFalse(headers.has("cookie"), "cookies travel in the cookies array only");
        assertEquals("127.0.0.1:" + URI.create(url.url()).getPort(), headers.get("host").asText());
        headers.fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));

        JsonNode context = event.get("requestContext");
        assertEquals("123456789012", context.get("accountId").asText());
        assertEquals(FunctionUrlServer.URL_ID, context.get("apiId").asText());
        assertEquals(FunctionUrlServer.URL_ID + ".lambda-url.us-east-1.on.aws", context.get("domainName").asText());
        assertEquals(FunctionUrlServer.URL_ID, context.get("domainPrefix").asText());
        assertEquals("GET", context.get("http").get("method").asText());
        assertEquals("/api/v1/openmetadata/status", context.get("http").get("path").asText());
        assertEquals("HTTP/1.1", context.get("http").get("protocol").asText());
        assertEquals("127.0.0.1", context.get("http").get("sourceIp").asText());
        assertTrue(context.get("http").get("userAgent").asText().startsWith("Java-http-client/"),
                context.get("http").get("userAgent").asText());
        assertEquals(36, context.get("requestId").asText().length());
        assertEquals("$default", context.get("routeKey").asText());
        assertEquals("$default", context.get("stage").asText());
        assertTrue(context.get("time").asText().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"),
                context.get("time").asText());
        assertTrue(context.get("timeEpoch").isIntegralNumber());
        assertTrue(context.get("timeEpoch").asLong() >= before && context.get("timeEpoch").asLong() <= System.currentTimeMillis());
        assertFalse(event.has("body"));
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertEquals(List.of("version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers",
                "queryStringParameters", "requestContext", "isBase64Encoded"), fieldNames(event));
    }

    @Test
    void withoutQueryNorCookiesThoseMembersAreAbsent() throws Exception {
        JsonNode event = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("", event.get("rawQueryString").asText());
        assertFalse(event.has("cookies"));
        assertFalse(event.has("queryStringParameters"));
        assertEquals("/health", event.get("rawPath").asText());
    }

    @Test
    void textAndJsonBodiesArePassedAsTheyAreAndOthersBase64Encoded() throws Exception {
        String json = "{\"dag_id\":\"petapi_metadata\"}";
        JsonNode posted = post("/api/v1/openmetadata/trigger", "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(json, posted.get("body").asText());
        assertFalse(posted.get("isBase64Encoded").asBoolean());
        assertEquals("POST", posted.get("requestContext").get("http").get("method").asText());

        JsonNode text = post("/x", "text/plain", "héllo".getBytes(StandardCharsets.UTF_8));
        assertEquals("héllo", text.get("body").asText());
        assertFalse(text.get("isBase64Encoded").asBoolean());

        JsonNode patch = post("/x", "application/json-patch+json", "[]".getBytes(StandardCharsets.UTF_8));
        assertEquals("[]", patch.get("body").asText());
        assertFalse(patch.get("isBase64Encoded").asBoolean());

        byte[] binary = {0, 1, 2, (byte) 0xff};
        JsonNode octets = post("/x", "application/octet-stream", binary);
        assertTrue(octets.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), octets.get("body").asText());
    }

    @Test
    void aStructuredAnswerBecomesTheHttpResponse() throws Exception {
        answer = event -> new Object[]{200, """
                {"statusCode": 201, "headers": {"Content-Type": "application/json", "X-Custom": "v1"},
                 "cookies": ["a=1; Path=/", "b=2"], "body": "{\\"message\\": \\"created\\"}", "isBase64Encoded": false}"""};
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/deploy"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode());
        assertEquals("{\"message\": \"created\"}", created.body());
        assertEquals("v1", created.headers().firstValue("X-Custom").orElseThrow());
        assertEquals(List.of("a=1; Path=/", "b=2"), created.headers().allValues("Set-Cookie"));

        answer = event -> new Object[]{200, "{\"statusCode\": 200, \"headers\": {\"Content-Type\": \"text/plain\"}, "
                + "\"body\": \"" + Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8))
                + "\", \"isBase64Encoded\": true}"};
        HttpResponse<String> decoded = HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("plain text", decoded.body());
        assertEquals("text/plain", decoded.headers().firstValue("Content-Type").orElseThrow());

        answer = event -> new Object[]{200, "{\"statusCode\": 204}"};
        HttpResponse<String> empty = HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, empty.statusCode());
        assertEquals("", empty.body());
    }

    @Test
    void jsonWithoutAStatusCodeIsA200JsonBodyAndAFunctionErrorA502() throws Exception {
        answer = event -> new Object[]{200, "\"Hello, world!\""};
        HttpResponse<String> string = HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, string.statusCode());
        assertEquals("\"Hello, world!\"", string.body());
        assertEquals("application/json", string.headers().firstValue("Content-Type").orElseThrow());

        answer = event -> new Object[]{500, "{\"errorMessage\": \"boom\", \"errorType\": \"java.lang.IllegalStateException\"}"};
        HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + "/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(502, failed.statusCode());
        assertEquals("{\"Message\":\"Internal Server Error\"}", failed.body());
        assertFalse(failed.body().contains("boom"), "the function's error stays out of the answer, as on a function URL");
    }

    @Test
    void theServersStockClientReachesTheFunctionThroughTheUrl() throws Exception {
        // a function answering as pipelineService does, under /api/v1/openmetadata/ only
        answer = text -> {
            JsonNode event = read(text);
            String path = event.get("rawPath").asText();
            String reply = switch (path) {
                case "/api/v1/openmetadata/health-auth" -> functionAnswer(200, "{\"status\": \"healthy\", \"version\": \"2.0.1\"}");
                case "/api/v1/openmetadata/csrf-token" -> functionAnswer(200, "{\"csrf_token\": \"t-1\"}", "session=s-1; Path=/");
                case "/api/v1/openmetadata/deploy", "/api/v1/openmetadata/delete" -> functionAnswer(200, "{\"message\": \"done\"}");
                default -> functionAnswer(404, "{\"message\": \"no such route\"}");
            };
            return new Object[]{200, reply};
        };
        OrchestratorClient client = new OrchestratorClient(URI.create(url.url()), "admin", "secret",
                OpenMetadataEmulator.Mode.V2_0, "2.0.1");

        assertEquals(new OrchestratorClient.Response(200, null, "Airflow", "2.0.1"), client.health());
        String pipeline = "{\"name\":\"petapi_metadata\",\"pipelineType\":\"metadata\"}";
        assertEquals("{\"message\": \"done\"}", client.deploy(read(pipeline)).reason());
        assertEquals(200, client.delete("petapi_metadata").code());

        List<JsonNode> events = url.events();
        assertEquals(List.of("GET /pluginsv2/api/v2/openmetadata/health-auth", "GET /api/v2/openmetadata/health-auth",
                "GET /api/v1/openmetadata/health-auth", "GET /api/v1/openmetadata/health-auth",
                "GET /api/v1/openmetadata/csrf-token", "POST /api/v1/openmetadata/deploy",
                "DELETE /api/v1/openmetadata/delete"), events.stream()
                .map(e -> e.get("requestContext").get("http").get("method").asText() + " " + e.get("rawPath").asText()).toList());
        JsonNode deploy = events.get(5);
        assertEquals(pipeline, deploy.get("body").asText());
        assertFalse(deploy.get("isBase64Encoded").asBoolean());
        assertEquals("Basic YWRtaW46c2VjcmV0", deploy.get("headers").get("authorization").asText());
        assertEquals("application/json", deploy.get("headers").get("content-type").asText());
        assertEquals("t-1", deploy.get("headers").get("x-csrftoken").asText());
        assertEquals(read("[\"session=s-1\"]"), deploy.get("cookies"));
        JsonNode delete = events.get(6);
        assertEquals("dag_id=petapi_metadata", delete.get("rawQueryString").asText());
        assertEquals(read("{\"dag_id\": \"petapi_metadata\"}"), delete.get("queryStringParameters"));
        assertFalse(delete.has("body"));
        assertFalse(events.get(4).has("cookies"), "the token fetch goes without the session it opens");
    }

    /** A function URL response ({@code statusCode}, JSON {@code body}, {@code cookies}) as the function returns it. */
    private static String functionAnswer(int status, String body, String... cookies) {
        ObjectNode answer = JSON.createObjectNode().put("statusCode", status);
        answer.putObject("headers").put("Content-Type", "application/json");
        if (cookies.length > 0) {
            ArrayNode list = answer.putArray("cookies");
            for (String cookie : cookies) {
                list.add(cookie);
            }
        }
        return answer.put("body", body).put("isBase64Encoded", false).toString();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url.url() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
