package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import dev.omrest.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs that use every kind of credential, failing and succeeding, never put one in a log line or a report. */
@QuarkusTest
class SecretsStayOutOfLogsTest {
    static final String JWT = "jwt-secret-0c1d2e";
    static final String SPEC_TOKEN = "spec-secret-7a8b9c";
    static final String PASSWORD = "basic-secret-4d5e6f";
    static final String CLIENT_SECRET = "client-secret-1f2e3d";
    static final String API_KEY = "apikey-secret-9e8d7c";

    LogCapture logs;
    OpenMetadataEmulator om;
    SpecServer specs;

    @BeforeEach
    void start() {
        logs = LogCapture.start();
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        specs = SpecServer.start();
    }

    @AfterEach
    void stop() {
        logs.close();
        specs.close();
        om.close();
    }

    @Test
    void noCredentialEverAppears() throws Exception {
        List<String> reports = new ArrayList<>();
        specs.serve("/bearer.yaml", 200, "application/yaml", petstoreYaml()).requireBearer("/bearer.yaml", SPEC_TOKEN);
        String bearer = Payloads.url("petstore", specs.url("/bearer.yaml"), SPEC_TOKEN, null, om.apiUrl(), JWT);
        reports.add(invoke(bearer).toString());
        reports.add(invoke(Payloads.with(bearer, "source.serviceConnection.config.token", SPEC_TOKEN + "-wrong")).toString());
        reports.add(invoke(Payloads.with(bearer, "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", JWT + "-wrong")).toString());

        specs.serve("/basic.yaml", 200, "application/yaml", petstoreYaml()).requireHeader("/basic.yaml", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("u:" + PASSWORD).getBytes()));
        String basic = Payloads.with(Payloads.url("petstore", specs.url("/basic.yaml"), null, null, om.apiUrl(), JWT),
                "source.serviceConnection.config.basicAuth", java.util.Map.of("username", "u", "password", PASSWORD));
        reports.add(invoke(basic).toString());
        reports.add(invoke(Payloads.with(basic, "source.serviceConnection.config.basicAuth",
                java.util.Map.of("username", "u", "password", PASSWORD + "-wrong"))).toString());

        specs.serve("/token", 401, "application/json", "{\"error\": \"invalid_client\"}");
        reports.add(invoke(Payloads.with(Payloads.url("petstore", specs.url("/basic.yaml"), null, null, om.apiUrl(), JWT),
                "source.serviceConnection.config.oauth2", java.util.Map.of("tokenUrl", specs.url("/token"), "clientId", "c",
                        "clientSecret", CLIENT_SECRET))).toString());
        reports.add(invoke(Payloads.with(Payloads.url("petstore", specs.url("/bearer.yaml") + "?x=1", null, null, om.apiUrl(), JWT),
                "source.serviceConnection.config.apiKey", java.util.Map.of("name", "key", "value", API_KEY, "in", "query"))).toString());

        List<String> statuses = reports.stream().map(r -> dev.omrest.support.Specs.readJson(r).path("status").asText()).toList();
        assertEquals(List.of("success", "failed", "failed", "success", "failed", "failed", "failed"), statuses);
        List<String> everything = new ArrayList<>(reports);
        everything.addAll(logs.lines());
        assertTrue(everything.stream().anyMatch(line -> line.contains("ingest service=petstore status=failed")));
        for (String secret : List.of(JWT, SPEC_TOKEN, PASSWORD, CLIENT_SECRET, API_KEY,
                Base64.getEncoder().encodeToString(("u:" + PASSWORD).getBytes()))) {
            for (String line : everything) {
                assertFalse(line.contains(secret), "a credential leaked into: " + line);
            }
        }
        JsonNode last = dev.omrest.support.Specs.readJson(reports.get(reports.size() - 1));
        assertTrue(last.path("errors").get(0).path("message").asText().contains("?…"), last.toString());
    }

    /**
     * Credentials from env: references (one saved with a trailing newline, as the pom sets them), the runtime's own
     * credentials asked for, and values no header can carry, through every function: ingest (as Lambda invokes it),
     * testConnection and testConnectionHttp (served by funqy-http in tests). No value appears in any answer or log.
     */
    @Test
    void referencedAndRefusedCredentialsNeverAppearThroughAnyFunction() throws Exception {
        String envJwt = "env-jwt-5a6b7c";
        String envToken = "env-spec-token-8d9e0f";
        String runtimeKey = "runtime-secret-key-1a2b3c";
        String inline = "inline-secret-9z8y";
        om.close();
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, envJwt);
        specs.serve("/env.yaml", 200, "application/yaml", petstoreYaml()).requireBearer("/env.yaml", envToken);
        String byReference = Payloads.url("petstore", specs.url("/env.yaml"), "env:OMREST_SECRET_TEST_SPEC_TOKEN", null,
                om.apiUrl(), "env:OMREST_SECRET_TEST_JWT");
        List<String> payloads = List.of(byReference,
                Payloads.with(byReference, "source.serviceConnection.config.token", "env:AWS_SECRET_ACCESS_KEY"),
                Payloads.with(byReference, "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", "env:AWS_SECRET_ACCESS_KEY"),
                Payloads.with(byReference, "source.serviceConnection.config.token", "abc\n" + inline),
                Payloads.with(byReference, "source.serviceConnection.config.headers", java.util.Map.of("X-Key", inline + "\r\nX: 1")));
        List<String> answers = new ArrayList<>();
        for (String payload : payloads) {
            answers.add(invoke(payload).toString());
            answers.add(io.restassured.RestAssured.given().port(8081).contentType("application/json").body(payload)
                    .when().post("/testConnection").then().extract().asString());
            answers.add(io.restassured.RestAssured.given().port(8081).contentType("application/json")
                    .body(TestConnectionHttpTest.event(payload, true)).when().post("/testConnectionHttp").then().extract().asString());
        }
        assertEquals("success", dev.omrest.support.Specs.readJson(answers.get(0)).path("status").asText(), answers.get(0));
        assertTrue(answers.get(1).contains("\"status\":\"Successful\""), answers.get(1));
        assertTrue(answers.get(2).contains("is a secret reference (env:…), which this function does not resolve"), answers.get(2));
        List<String> everything = new ArrayList<>(answers);
        everything.addAll(logs.lines());
        for (String secret : List.of(envJwt, envToken, runtimeKey, inline)) {
            for (String line : everything) {
                assertFalse(line.contains(secret), "a credential leaked into: " + line);
            }
        }
    }
}
