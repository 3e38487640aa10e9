package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.emulator.SpecServer;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.SPEC_TOKEN;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input ends in a failed report that names the problem, and OpenMetadata keeps what it had. */
@QuarkusTest
class IngestFailuresTest {
    OpenMetadataEmulator om;
    SpecServer specs;
    Map<String, JsonNode> collectionsBefore;
    Map<String, JsonNode> endpointsBefore;

    /** Every case starts from a server that already holds the petstore service. */
    @BeforeEach
    void ingestPetstoreFirst() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        specs = SpecServer.start();
        specs.serve("/petstore.yaml", 200, "application/yaml", IngestFunctionTest.petstoreYaml());
        assertEquals("success", invoke(payload(specs.url("/petstore.yaml"))).path("status").asText());
        collectionsBefore = om.collections();
        endpointsBefore = om.endpoints();
        om.clearRequests();
    }

    @AfterEach
    void stop() {
        specs.close();
        om.close();
    }

    private String payload(String specUrl) {
        return Payloads.url("petstore", specUrl, null, null, om.apiUrl(), JWT);
    }

    private void assertFailedWithNothingWritten(JsonNode report, String... errors) {
        assertEquals("failed", report.path("status").asText(), report.toString());
        assertEquals(List.of(errors), report.path("errors").findValuesAsText("message"));
        assertEquals(List.of(), om.requests().stream().filter(r -> !r.method().equals("GET")).toList());
        assertEquals(collectionsBefore, om.collections());
        assertEquals(endpointsBefore, om.endpoints());
    }

    @Test
    void unreachableSpecUrl() {
        JsonNode report = invoke(payload("http://127.0.0.1:1/openapi.json"));
        assertEquals("failed", report.path("status").asText());
        String error = report.path("errors").get(0).path("message").asText();
        assertTrue(error.startsWith("Failed to fetch the OpenAPI schema from http://127.0.0.1:1/openapi.json: "), error);
        assertFailedWithNothingWritten(report, error);
    }

    @Test
    void specAnswering401Or404() {
        specs.requireBearer("/petstore.yaml", SPEC_TOKEN);
        assertFailedWithNothingWritten(invoke(payload(specs.url("/petstore.yaml"))),
                "Failed to connect to the JSON schema url " + specs.url("/petstore.yaml")
                        + ". Please check the url and credentials. Status Code was: 401");
        assertFailedWithNothingWritten(invoke(payload(specs.url("/missing.json"))),
                "Failed to connect to the JSON schema url " + specs.url("/missing.json")
                        + ". Please check the url and credentials. Status Code was: 404");
    }

    @Test
    void htmlEmptyAndNonOpenApiDocuments() {
        specs.serve("/login", 200, "text/html", "<!DOCTYPE html>\n<html><body>Please sign in</body></html>");
        assertFailedWithNothingWritten(invoke(payload(specs.url("/login"))),
                "Provided schema is not valid OpenAPI specification: " + specs.url("/login") + " - it looks like an HTML or XML page");
        specs.serve("/empty.json", 200, "application/json", "");
        assertFailedWithNothingWritten(invoke(payload(specs.url("/empty.json"))),
                "Failed to parse OpenAPI schema as either JSON or YAML: " + specs.url("/empty.json") + " is empty");
        specs.serve("/other.json", 200, "application/json", "{\"name\": \"not an api\"}");
        assertFailedWithNothingWritten(invoke(payload(specs.url("/other.json"))),
                "Provided schema is not valid OpenAPI specification: " + specs.url("/other.json")
                        + " - it has neither an 'openapi' nor a 'swagger' field");
    }

    @Test
    void malformedPayload() {
        String payload = Payloads.with(payload(specs.url("/petstore.yaml")), "source.serviceName", List.of("x"));
        payload = Payloads.with(payload, "source.sourceConfig.config.apiCollectionFilterPattern", Map.of("includes", List.of("[")));
        assertFailedWithNothingWritten(invoke(payload), "source.serviceName must be a string, not a list",
                "source.sourceConfig.config.apiCollectionFilterPattern.includes[0] is not a valid regular expression: Unclosed character class");
    }

    @Test
    void wrongOpenMetadataTokenIsRefusedAndNeverEchoed() {
        String payload = Payloads.url("petstore", specs.url("/petstore.yaml"), null, null, om.apiUrl(), "wrong-secret-token");
        JsonNode report = invoke(payload);
        assertFailedWithNothingWritten(report, "GET /v1/services/apiServices/name/petstore failed: HTTP 401: "
                + "Not authorized; Token verification failed (check workflowConfig.openMetadataServerConfig.securityConfig.jwtToken)");
        assertFalse(report.toString().contains("wrong-secret-token"));
    }

    @Test
    void unreachableOpenMetadata() {
        String payload = Payloads.url("petstore", specs.url("/petstore.yaml"), null, null, "http://127.0.0.1:1/api", JWT);
        JsonNode report = invoke(payload);
        assertEquals("failed", report.path("status").asText());
        assertTrue(report.path("errors").get(0).path("message").asText()
                .startsWith("GET /v1/system/version failed: cannot reach OpenMetadata at http://127.0.0.1:1/api: "), report.toString());
    }

    @Test
    void linkLocalAndMetadataAddressesAreRefused() {
        assertFailedWithNothingWritten(invoke(payload("http://169.254.169.254/latest/meta-data/")),
                "Refusing to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local or cloud metadata address");
        specs.redirect("/hop", "http://169.254.169.254/latest/meta-data/", 302);
        assertFailedWithNothingWritten(invoke(payload(specs.url("/hop"))),
                "Refusing to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local or cloud metadata address");
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() {
        specs.redirect("/old.yaml", specs.url("/petstore.yaml"), 301);
        assertEquals("success", invoke(payload(specs.url("/old.yaml"))).path("status").asText());
        specs.redirect("/loop", specs.url("/loop"), 302);
        collectionsBefore = om.collections();
        endpointsBefore = om.endpoints();
        om.clearRequests();
        assertFailedWithNothingWritten(invoke(payload(specs.url("/loop"))),
                "Failed to fetch the OpenAPI schema from " + specs.url("/loop") + ": more than 5 redirects");
        assertEquals(6, specs.requests().stream().map(RecordedRequest::path).filter("/loop"::equals).count());
    }

    @Test
    void anOpenMetadataServerOnAMetadataAddressIsRefusedWithTheReason() {
        String payload = Payloads.url("petstore", "http://127.0.0.1:1/spec.json", null, null, "http://[::169.254.169.254]:8585/api",
                IngestFunctionTest.JWT);
        JsonNode report = IngestFunctionTest.invoke(payload);
        assertEquals("failed", report.path("status").asText());
        assertEquals("Refusing to connect to OpenMetadata at http://[::169.254.169.254]:8585/api: 0:0:0:0:0:0:a9fe:a9fe is a"
                + " link-local or cloud metadata address (169.254.169.254)", report.path("errors").get(0).path("message").asText());
    }
}
