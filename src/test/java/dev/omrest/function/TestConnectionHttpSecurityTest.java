package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.support.HostileServer;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.omrest.function.TestConnectionHttpTest.call;
import static dev.omrest.function.TestConnectionHttpTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * testConnectionHttp, the function any caller the function URL admits can reach, driven as an attacker would
 * (issue 15): it resolves no secret reference, reads no local file and uses no custom S3 endpoint the deployment has
 * not listed (none by default), and every hostile input is a 400 with problems or a 200 with a failed step.
 */
@QuarkusTest
@TestProfile(TestConnectionHttpTest.Export.class)
class TestConnectionHttpSecurityTest {
    static final String CONNECTION = "source.serviceConnection.config";
    final HostileServer collector;

    TestConnectionHttpSecurityTest() throws IOException {
        collector = HostileServer.start(HostileServer.json("{\"openapi\": \"3.0.0\"}"));
    }

    @AfterEach
    void close() {
        collector.close();
    }

    String connection(String specUrl) {
        return """
                {"source": {"serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaURL": "%s"}}}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "%s", "authProvider": "openmetadata",
                   "securityConfig": {"jwtToken": "caller-jwt"}}}}""".formatted(specUrl, collector.url("/api"));
    }

    static JsonNode answer(String payload) {
        JsonNode response = call(event(payload, false));
        JsonNode body = Specs.readJson(response.path("body").asText());
        return Specs.JSON.createObjectNode().put("statusCode", response.path("statusCode").asInt()).set("body", body);
    }

    static List<String> problems(JsonNode answer) {
        assertEquals(400, answer.path("statusCode").asInt(), answer.toString());
        return Specs.JSON.convertValue(answer.path("body").path("problems"), List.class);
    }

    @Test
    void theFunctionsOwnCredentialsAreNeverSentToACallersServer() {
        String payload = Payloads.with(Payloads.with(connection(collector.url("/spec.json")), CONNECTION + ".token",
                "env:AWS_SECRET_ACCESS_KEY"), CONNECTION + ".headers",
                new TreeMap<>(Map.of("X-K", "env:AWS_ACCESS_KEY_ID", "X-S", "env:AWS_SESSION_TOKEN")));
        String refused = " is a secret reference (env:…), which this function does not resolve"
                + " (the deployment has not allowed it for functions callers reach over HTTP)";
        assertEquals(List.of(CONNECTION + ".token" + refused, CONNECTION + ".headers.X-K" + refused, CONNECTION + ".headers.X-S" + refused),
                problems(answer(payload)));

        String oauth2 = Payloads.with(connection(collector.url("/spec.json")), CONNECTION + ".oauth2",
                Map.of("tokenUrl", collector.url("/token"), "clientId", "c", "clientSecret", "secretsmanager:prod/db"));
        assertEquals(List.of(CONNECTION + ".oauth2.clientSecret is a secret reference (secretsmanager:…), which this function"
                + " does not resolve (the deployment has not allowed it for functions callers reach over HTTP)"), problems(answer(oauth2)));

        String jwt = Payloads.with(connection(collector.url("/spec.json")),
                "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", "ssm:/prod/om-jwt");
        assertEquals(List.of("workflowConfig.openMetadataServerConfig.securityConfig.jwtToken is a secret reference (ssm:…),"
                + " which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)"),
                problems(answer(jwt)));
        assertEquals(List.of(), collector.heads(), "the caller's server heard nothing");
    }

    @Test
    void localFilesAndCustomS3EndpointsAreRefused() {
        String file = connection("x").replace("\"openAPISchemaURL\": \"x\"", "\"openAPISchemaFilePath\": \"/etc/shadow\"");
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.openAPISchemaFilePath: this function reads no local file"
                + " (the deployment allows none)"), problems(answer(file)));
        String s3 = connection("x").replace("\"openAPISchemaURL\": \"x\"", "\"openAPISchemaS3URL\": "
                + "\"https://bucket.s3.eu-west-1.amazonaws.com/spec.yaml\", \"awsCredentials\": {\"endPointURL\": \"" + collector.url("") + "\"}");
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.awsCredentials.endPointURL is not an S3 endpoint the deployment"
                + " allows this function to use"), problems(answer(s3)));
        assertEquals(List.of(), collector.heads());
    }

    @Test
    void hostileInputsAre400sOrFailedStepsNever500s() throws IOException {
        JsonNode notBase64 = call(TestConnectionHttpTest.event("x", true).replace("\"body\":\"eA==\"", "\"body\":\"%%%not base64\""));
        assertEquals(400, notBase64.path("statusCode").asInt());
        assertEquals("the request body is marked base64-encoded but is not valid base64",
                Specs.readJson(notBase64.path("body").asText()).path("message").asText());

        String headers = Payloads.with(connection(collector.url("/spec.json")), CONNECTION + ".headers",
                new TreeMap<>(Map.of("Host", "metadata", "Bad Name", "x")));
        assertEquals(List.of(CONNECTION + ".headers: 'Bad Name' is not a valid HTTP header name",
                CONNECTION + ".headers: the Host header is set by the HTTP client and cannot be configured"), problems(answer(headers)));

        for (String location : List.of("gopher://127.0.0.1:70/_x", "http:///x", "http://127.0.0.1:99999/x")) {
            try (HostileServer redirecting = HostileServer.start(HostileServer.redirect(location))) {
                JsonNode answer = answer(connection(redirecting.url("/spec.json")));
                assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
                JsonNode step = answer.path("body").path("steps").get(0);
                assertEquals("CheckURL", step.path("name").asText());
                assertFalse(step.path("passed").asBoolean());
                assertTrue(step.path("errorLog").asText().endsWith("which is not an http(s) URL with a host and a valid port"),
                        step.toString());
            }
        }
    }

    @Test
    void credentialsInAUrlAreNeverEchoed() {
        JsonNode answer = answer(connection("http://reader:hunter2@127.0.0.1:1/spec.json?token=qs-secret-42"));
        assertEquals(200, answer.path("statusCode").asInt());
        assertFalse(answer.toString().contains("hunter2") || answer.toString().contains("qs-secret-42"), answer.toString());
        List<String> problems = problems(answer(connection("ftp://reader:hunter2@h/spec.json?token=qs-secret-42")));
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.openAPISchemaURL must be an http(s) URL, not 'ftp://h/spec.json?…'"),
                problems);
    }
}
