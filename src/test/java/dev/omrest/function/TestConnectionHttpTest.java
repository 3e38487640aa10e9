package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** testConnectionHttp: a Lambda function URL event (payload format 2.0) in, an HTTP response out, never a 502. */
@QuarkusTest
@TestProfile(TestConnectionHttpTest.Export.class)
class TestConnectionHttpTest extends LoopbackServers {
    public static class Export implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "testConnectionHttp");
        }
    }

    /** A function URL event as Lambda delivers it. */
    static String event(String body, boolean base64) {
        ObjectNode event = Specs.JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", "/").put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext").put("accountId", "123456789012").put("apiId", "fnurl")
                .putObject("http").put("method", "POST").put("path", "/");
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        }
        event.put("isBase64Encoded", base64);
        return event.toString();
    }

    static JsonNode call(String event) {
        return Specs.readJson(given().contentType(ContentType.JSON).body(event).when().post()
                .then().statusCode(200).extract().asString());
    }

    private String connection() {
        specs.serve("/spec.json", 200, "application/json", Specs.resource("specs/worked-example.json"));
        return """
                {"source": {"serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "%s"}}}}}""".formatted(specs.url("/spec.json"));
    }

    @Test
    void answersWithTheResultAsJson() {
        for (boolean base64 : new boolean[]{false, true}) {
            JsonNode response = call(event(connection(), base64));
            assertEquals(200, response.path("statusCode").asInt());
            assertEquals("application/json", response.path("headers").path("Content-Type").asText());
            assertEquals(false, response.path("isBase64Encoded").asBoolean());
            JsonNode result = Specs.readJson(response.path("body").asText());
            assertEquals("Successful", result.path("status").asText());
            TestConnectionFunctionTest.assertValidResult(result);
        }
    }

    @Test
    void aFailingConnectionIsStillA200WithTheFailedSteps() {
        JsonNode response = call(event(connection().replace("/spec.json", "/nothing.json"), false));
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("Failed", Specs.readJson(response.path("body").asText()).path("status").asText());
    }

    @Test
    void malformedBodiesAre400WithAClearMessage() {
        JsonNode notJson = call(event("{not json", false));
        assertEquals(400, notJson.path("statusCode").asInt());
        assertEquals("the request body is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                Specs.readJson(notJson.path("body").asText()).path("message").asText());
        JsonNode empty = call(event(null, false));
        assertEquals(400, empty.path("statusCode").asInt());
        assertEquals("the request body must be the connection payload (JSON)", Specs.readJson(empty.path("body").asText()).path("message").asText());
        JsonNode noConnection = call(event("{\"source\": {}}", false));
        assertEquals(400, noConnection.path("statusCode").asInt());
        JsonNode problems = Specs.readJson(noConnection.path("body").asText()).path("problems");
        assertEquals(1, problems.size());
        assertEquals("source.serviceConnection is required", problems.get(0).asText());
    }

    @Test
    void servedBehindAFunctionUrlAsAnHttpClientCallsIt() throws Exception {
        try (FunctionUrlServer url = FunctionUrlServer.forMockEventServer()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.url() + "/"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(connection()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            JsonNode result = Specs.readJson(response.body());
            assertEquals("Successful", result.path("status").asText());
            TestConnectionFunctionTest.assertValidResult(result);
            assertEquals(1, url.events().size());
            assertEquals("POST", url.events().get(0).path("requestContext").path("http").path("method").asText());
        }
    }

    @Test
    @DisabledOnIntegrationTest("funqy-http serves dev mode and tests only: the packaged function listens on nothing")
    void funqyHttpServesTheFunctionsLocally() {
        JsonNode result = Specs.readJson(given().port(8081).contentType(ContentType.JSON).body(connection())
                .when().post("/testConnection").then().statusCode(200).extract().asString());
        assertEquals("Successful", result.path("status").asText());
    }
}
