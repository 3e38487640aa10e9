package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A spec whose paths are references to other files, read over HTTP, ingested end to end and then found sealed. */
@QuarkusTest
class PathItemRefsIngestTest extends LoopbackServers {

    @Test
    void pathItemsInOtherFilesAreIngested() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        specs.serveFolder(Path.of("src/test/resources/specs/path-refs"), "/api/");
        String payload = Payloads.url("store", specs.url("/api/openapi.yaml"), null, null, om.apiUrl(), JWT);
        JsonNode first = invoke(payload);
        assertEquals("success", first.path("status").asText(), first.toString());
        assertEquals(new TreeSet<>(List.of("store.default./items/{id}/delete", "store.items./items/{id}/get",
                        "store.items./items/get", "store.stock./items/post", "store.items./racks/get", "store.items./shelves/get")),
                om.liveFqns().get(1));
        assertEquals(new TreeSet<>(List.of("store.default", "store.items", "store.stock")), om.liveFqns().get(0));
        JsonNode rerun = invoke(payload);
        assertEquals("[\"map\"]", rerun.path("skippedPhases").toString(), "the referenced files are read to check them");
        assertEquals(List.of(), om.contractViolations());
    }
}
