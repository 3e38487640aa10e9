package dev.omrest.function;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.omrest.function.Priming.Mode.ALWAYS;
import static dev.omrest.function.Priming.Mode.AUTO;
import static dev.omrest.function.Priming.Mode.NEVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up priming: when it runs, and that it takes every stage of both functions through a complete run. */
@QuarkusTest
class PrimingTest {

    @Inject
    IngestFunction ingest;

    @Inject
    TestConnectionFunction testConnection;

    @Test
    void primingRunsBothFunctionsToSuccessAgainstLoopback() throws IOException {
        Priming.Outcome outcome = Priming.prime(ingest::ingest, testConnection::testConnection);
        assertEquals(List.of("success", "success"), outcome.ingestStatuses(), outcome.toString());
        assertEquals("Successful", outcome.testConnectionStatus());
        assertTrue(outcome.complete());
        String service = "GET /api/v1/services/apiServices/name/omrest-primer";
        String version = "GET /api/v1/system/version";
        List<String> expected = List.of(
                // OpenAPI 3 into an empty server: the service is created, everything goes in bulk
                "GET /specs/openapi.json", version, service, "PUT /api/v1/services/apiServices",
                "PUT /api/v1/apiCollections/bulk", "PUT /api/v1/apiEndpoints/bulk",
                // Swagger 2.0 YAML: the service exists, so both kinds are listed first
                "GET /specs/swagger.yaml", version, service, "GET /api/v1/apiCollections", "GET /api/v1/apiEndpoints",
                "PUT /api/v1/apiCollections/bulk", "PUT /api/v1/apiEndpoints/bulk",
                // test connection: the spec, then the server check
                "GET /specs/openapi.json", version, service);
        assertEquals(expected.stream().sorted().toList(), outcome.calls().stream().sorted().toList());
    }

    @Test
    void onlyEnvironmentsNobodyWaitsForArePrimedUnlessTold() {
        assertTrue(Priming.wanted(AUTO, "snap-start", false));
        assertTrue(Priming.wanted(AUTO, "provisioned-concurrency", false));
        assertFalse(Priming.wanted(AUTO, "on-demand", false), "an on-demand start-up is waited for");
        assertFalse(Priming.wanted(AUTO, null, false), "not on Lambda");
        assertFalse(Priming.wanted(AUTO, "snap-start", true), "a native image has nothing to load or compile");
        assertTrue(Priming.wanted(ALWAYS, null, true));
        assertFalse(Priming.wanted(NEVER, "snap-start", false));
    }
}
