package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log format Lambda gets: every line one JSON object, one summary line per run whose figures are MDC fields,
 * and no credential anywhere (the same formatter as the prod console, written to a file so the test can read it).
 */
@QuarkusTest
@TestProfile(JsonLogsTest.JsonFileLog.class)
class JsonLogsTest {
    static final Path LOG = Path.of("target", "json-logs", "function.log");
    static final String JWT = "jwt-secret-json-5a6b";
    static final String SPEC_TOKEN = "spec-secret-json-8c9d";

    public static class JsonFileLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true",
                    "quarkus.log.file.level", "ALL");
        }
    }

    @Test
    void everyLineIsJsonWithOneSummaryPerRunAndNoCredential() throws Exception {
        try (OpenMetadataEmulator om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
             SpecServer specs = SpecServer.start()) {
            specs.serve("/p.yaml", 200, "application/yaml", petstoreYaml()).requireBearer("/p.yaml", SPEC_TOKEN);
            String good = Payloads.url("petstore", specs.url("/p.yaml"), SPEC_TOKEN, null, om.apiUrl(), JWT);
            assertEquals("success", invoke(good).path("status").asText());
            assertEquals("failed", invoke(Payloads.with(good, "source.serviceConnection.config.token", SPEC_TOKEN + "-x"))
                    .path("status").asText());
            assertEquals("failed", invoke(Payloads.with(good,
                    "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", JWT + "-x")).path("status").asText());
        }

        List<String> lines = Files.readAllLines(LOG);
        List<JsonNode> summaries = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = Specs.readJson(line);
            assertTrue(record.isObject() && record.has("timestamp"), "not a JSON log record: " + line);
            assertFalse(line.contains(JWT) || line.contains(SPEC_TOKEN), "a credential leaked into: " + line);
            if (record.path("mdc").path("event").asText().equals("ingestSummary")) {
                summaries.add(record);
            }
        }
        assertEquals(3, summaries.size(), String.join("\n", lines));
        JsonNode first = summaries.get(0);
        assertEquals("dev.omrest.ingest", first.path("loggerName").asText());
        assertEquals("INFO", first.path("level").asText());
        assertEquals("petstore", first.path("mdc").path("service").asText());
        assertEquals("success", first.path("mdc").path("status").asText());
        assertEquals("4", first.path("mdc").path("apiCollection.created").asText());
        assertEquals("9", first.path("mdc").path("apiEndpoint.created").asText());
        assertEquals(List.of("failed", "failed"), summaries.subList(1, 3).stream()
                .map(s -> s.path("mdc").path("status").asText()).toList());
        assertEquals("ERROR", summaries.get(1).path("level").asText());
        JsonNode callsInFlight = lines.stream().map(Specs::readJson)
                .filter(r -> r.path("mdc").path("event").asText().equals("writeCallsInFlight")).findFirst().orElseThrow();
        assertEquals("4", callsInFlight.path("mdc").path("callsInFlightMax").asText(), "bulk calls, the setting's most");
        assertTrue(callsInFlight.path("message").asText().matches("write calls in flight at http://127\\.0\\.0\\.1:\\d+/api: at most 4, ended at \\d+, lowest after cuts \\d+"),
                callsInFlight.toString());
    }

    @Test
    void anUnexpectedErrorIsLoggedWithItsStackTraceAndNoCredential() throws Exception {
        IllegalStateException error = new IllegalStateException("mapping broke near https://user:" + JWT + "@host/x?token="
                + SPEC_TOKEN, new ArithmeticException("/ by zero"));
        dev.omrest.report.RunLog.unexpected("petstore", error);

        JsonNode record = Files.readAllLines(LOG).stream().map(Specs::readJson)
                .filter(r -> r.path("mdc").path("event").asText().equals("unexpectedError")).reduce((a, b) -> b).orElseThrow();
        assertEquals("ERROR", record.path("level").asText());
        assertEquals("petstore", record.path("mdc").path("service").asText());
        assertEquals("ingest service=petstore failed unexpectedly", record.path("message").asText());
        JsonNode exception = record.path("exception");
        assertEquals("java.lang.IllegalStateException: mapping broke near https://host/x?…", exception.path("message").asText());
        assertEquals(getClass().getName(), exception.path("frames").get(0).path("class").asText(), record.toString());
        assertEquals("java.lang.ArithmeticException: / by zero", exception.path("causedBy").path("exception").path("message").asText(),
                record.toString());
        assertFalse(record.toString().contains(JWT) || record.toString().contains(SPEC_TOKEN), record.toString());
    }
}
