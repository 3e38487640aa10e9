package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SchemaValidator;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The testConnection function through the Lambda mock event server (export selected like QUARKUS_FUNQY_EXPORT). */
@QuarkusTest
@TestProfile(TestConnectionFunctionTest.Export.class)
class TestConnectionFunctionTest extends LoopbackServers {
    public static class Export implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "testConnection");
        }
    }

    {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
    }

    static JsonNode test(String payload) {
        return Specs.readJson(given().contentType(ContentType.JSON).body(payload).when().post()
                .then().statusCode(200).extract().asString());
    }

    static void assertValidResult(JsonNode result) {
        SchemaValidator.fromSharedFolder().ifPresent(schemas -> assertEquals(List.of(),
                schemas.validate("entity/services/connections/testConnectionResult.json", result)));
    }

    private String payload(String specPath, String jwt) {
        return Payloads.url("petstore", specs.url(specPath), null, null, om.apiUrl(), jwt);
    }

    @Test
    void allStepsPass() {
        specs.serve("/spec.json", 200, "application/json", Specs.resource("specs/worked-example.json"));
        JsonNode result = test(payload("/spec.json", JWT));
        assertEquals("Successful", result.path("status").asText(), result.toString());
        assertEquals(List.of("CheckURL", "CheckSchema", "CheckOpenMetadataServer"), result.path("steps").findValuesAsText("name"));
        assertEquals(List.of("true", "true", "true"), result.path("steps").findValuesAsText("passed"));
        assertEquals("OpenAPI 3.0.3 document with 3 paths and 4 operations", result.path("steps").get(1).path("message").asText());
        assertEquals("OpenMetadata 2.0.1 at " + om.apiUrl() + " accepted the token", result.path("steps").get(2).path("message").asText());
        assertTrue(result.path("lastUpdatedAt").asLong() > 0);
        assertValidResult(result);
        assertEquals(List.of(), om.requests().stream().filter(r -> !r.method().equals("GET")).toList());
    }

    @Test
    void aFailedMandatoryStepStopsTheTest() {
        JsonNode notFound = test(payload("/missing.json", JWT));
        assertEquals("Failed", notFound.path("status").asText());
        assertEquals(1, notFound.path("steps").size());
        assertEquals(Specs.readJson("""
                {"name": "CheckURL", "mandatory": true, "passed": false, "message": "Failed to validate the url, please check the url",
                 "errorLog": "Failed to connect to the JSON schema url %s. Please check the url and credentials. Status Code was: 404"}"""
                .formatted(specs.url("/missing.json"))), notFound.path("steps").get(0));
        assertValidResult(notFound);

        specs.serve("/page", 200, "text/html", "<html>sign in</html>");
        JsonNode html = test(payload("/page", JWT));
        assertEquals(List.of("CheckURL", "CheckSchema"), html.path("steps").findValuesAsText("name"));
        assertEquals("Failed to validate the schema with OpenAPI. please validate the config",
                html.path("steps").get(1).path("message").asText());
        assertEquals("Provided schema is not valid OpenAPI specification: " + specs.url("/page") + " - it looks like an HTML or XML page",
                html.path("steps").get(1).path("errorLog").asText());
    }

    @Test
    void aRefusedTokenFailsTheServerStepWithoutShowingIt() {
        specs.serve("/spec.json", 200, "application/json", Specs.resource("specs/worked-example.json"));
        JsonNode result = test(payload("/spec.json", "not-the-bot-token"));
        assertEquals("Failed", result.path("status").asText());
        assertEquals("GET /v1/services/apiServices/name/petstore failed: HTTP 401: Not authorized; Token verification failed "
                + "(check workflowConfig.openMetadataServerConfig.securityConfig.jwtToken)", result.path("steps").get(2).path("errorLog").asText());
        assertFalse(result.toString().contains("not-the-bot-token"));
    }

    @Test
    void withoutAServerConfigOnlyTheSpecIsChecked() {
        specs.serve("/spec.yaml", 200, "application/yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        JsonNode result = test("""
                {"source": {"serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "%s"}}}}}""".formatted(specs.url("/spec.yaml")));
        assertEquals("Successful", result.path("status").asText());
        assertEquals(List.of("CheckURL", "CheckSchema"), result.path("steps").findValuesAsText("name"));
    }

    @Test
    void aPayloadWithoutAConnectionIsAnInvocationErrorNamingTheField() {
        String error = given().contentType(ContentType.JSON).body("{\"source\": {\"serviceName\": \"x\"}}").when().post()
                .then().statusCode(500).extract().asString();
        assertTrue(error.contains("source.serviceConnection is required"), error);
    }
}
