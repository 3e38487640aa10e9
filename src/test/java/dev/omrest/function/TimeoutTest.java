package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A call that outlives the request timeout is abandoned and sent again; the run still succeeds. */
@QuarkusTest
@TestProfile(TimeoutTest.ShortTimeout.class)
class TimeoutTest extends LoopbackServers {
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omrest.openmetadata.request-timeout", "PT1S");
        }
    }

    {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
    }

    @Test
    void timedOutCallsAreRetried() {
        om.injectFault(Fault.delay("PUT", "/v1/apiEndpoints/bulk", 1, 1500));
        om.injectFault(Fault.delay("GET", "/v1/services/apiServices/name/", 1, 1500));
        specs.serve("/spec.json", 200, "application/json", WritesTest.generated(5));
        JsonNode report = invoke(Payloads.url("gen", specs.url("/spec.json"), null, null, om.apiUrl(), JWT));
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals(2, report.path("retries").asInt());
        assertEquals(5, om.endpoints().size());
        assertEquals(2, om.requests().stream().map(RecordedRequest::apiPath).filter("/v1/apiEndpoints/bulk"::equals).count());
        assertEquals(List.of(), om.contractViolations());
    }
}
