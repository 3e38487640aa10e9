package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service of many collections has its endpoints listed collection by collection, a few at once, and the service's
 * count of them vouches that the collections held them all; when it does not (another writer added a collection
 * meanwhile), they are listed by service again and nothing is missed.
 */
@QuarkusTest
class CatalogueListingTest extends LoopbackServers {
    static final int TAGS = 10;

    /** A spec of {@value #TAGS} tags with 3 operations each. */
    static String spec() {
        StringBuilder paths = new StringBuilder();
        for (int tag = 0; tag < TAGS; tag++) {
            paths.append("  /t").append(tag).append(":\n");
            for (String method : List.of("get", "post", "delete")) {
                paths.append("    ").append(method).append(":\n      tags: [tag").append(tag).append("]\n")
                        .append("      responses:\n        '200':\n          description: ok\n");
            }
        }
        return "openapi: 3.0.3\ninfo:\n  title: Many tags\n  version: '1'\npaths:\n" + paths;
    }

    private List<String> endpointListings() {
        List<String> listings = new ArrayList<>();
        for (RecordedRequest r : om.requests()) {
            if (r.method().equals("GET") && r.apiPath().equals("/v1/apiEndpoints")) {
                listings.add(r.query().replaceAll("&?fields=sourceHash", "").replaceAll("&?limit=\\d+", "")
                        .replaceAll("&?include=all", ""));
            }
        }
        return listings;
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void manyCollectionsAreListedOneByOneAndCounted(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        JsonNode first = ingest(om, spec(), Map.of());
        assertEquals(30, first.path("counts").path("apiEndpoint").path("created").asInt(), first.toString());
        om.clearRequests();

        JsonNode rerun = ingest(om, spec(), Map.of());
        assertEquals(List.of("parse", "map"), List.of(rerun.path("skippedPhases").path(0).asText(),
                rerun.path("skippedPhases").path(1).asText()), rerun.toString());
        List<String> listings = endpointListings();
        // the tags' collections and upstream's `default`, each once, then the count
        assertEquals(TAGS + 2, listings.size(), listings.toString());
        assertTrue(listings.contains("apiCollection=petstore.default"), listings.toString());
        for (int tag = 0; tag < TAGS; tag++) {
            assertTrue(listings.contains("apiCollection=petstore.tag" + tag), listings.toString());
        }
        assertEquals("service=petstore", listings.get(listings.size() - 1), "the count comes after the listings");
        assertEquals(3 + TAGS + 2, rerun.path("requests").asInt());
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void anEndpointAddedUnderANewCollectionMeanwhileIsNotMissed(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        ingest(om, spec(), Map.of());
        // another writer adds a collection and an endpoint while this run lists the collections' endpoints
        om.injectFault(Fault.action("GET", "/v1/apiEndpoints", 1, () -> {
            put("/v1/apiCollections", "{\"name\": \"extra\", \"service\": \"petstore\", "
                    + "\"endpointURL\": \"https://other.example/extra\"}");
            put("/v1/apiEndpoints", "{\"name\": \"/extra/get\", \"apiCollection\": \"petstore.extra\", "
                    + "\"endpointURL\": \"https://other.example/extra/get\", \"requestMethod\": \"GET\"}");
        }));
        om.clearRequests();
        JsonNode rerun = ingest(om, spec(), Map.of());
        // the count said 31 where the collections held 30: listed by service again, the stranger was seen, so the seal
        // did not hold (listed by collection only, it would have, and the run would have stopped as unchanged)
        assertEquals("service=petstore", endpointListings().get(endpointListings().size() - 1));
        assertEquals(TAGS + 3, endpointListings().size(), endpointListings().toString());
        assertTrue(rerun.path("skippedPhases").isMissingNode(), rerun.toString());
        // its collection came after this run listed collections, as with one listing by service: the next run has it,
        // and marks both deleted (markDeletedApiCollections)
        JsonNode next = ingest(om, spec(), Map.of());
        assertEquals(1, next.path("counts").path("apiCollection").path("deleted").asInt(), next.toString());
        assertTrue(om.endpoints().get("petstore.extra./extra/get").path("deleted").asBoolean());
    }

    private void put(String path, String body) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(om.apiUrl() + path))
                    .header("Authorization", "Bearer " + JWT).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() < 300, answer.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
