package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unchangedCheck: changeEvents}: once a listing found the seal intact and stamped it anew on a collection, an
 * unchanged run reads the collections, two endpoint counts and the change events since the stamp, and no endpoint.
 * Every kind of outside change sends the next run to a listing, which then does what a full run does: with its event
 * recorded, and, where OpenMetadata records none or it is lost, through the counts and collections the seal checks.
 *
 * <p>Runs are played an hour apart on the server's clock, as an hourly schedule makes them: the events a run reads
 * reach back 10 minutes before the stamp, so a stamp made seconds after the sealing run's writes would see them.
 */
@QuarkusTest
class ChangeEventsCheckTest extends LoopbackServers {
    static final Map<String, Object> BY_EVENTS = Map.of("unchangedCheck", "changeEvents");
    static final String NOT_STAMPED = "no collection carries a re-stamped seal of these inputs, collections and endpoint "
            + "counts (the spec, the settings or the catalogue changed, or the last run wrote)";
    private static final List<String> OUTLINE_AND_EVENTS = List.of("GET /v1/system/version",
            "GET /v1/services/apiServices/name/petstore", "GET /v1/apiCollections", "GET /v1/apiEndpoints",
            "GET /v1/apiEndpoints", "GET /v1/events");
    private final HttpClient http = HttpClient.newHttpClient();
    private int hour = -10;

    /** The next scheduled run, an hour after the last one on the server's clock. */
    private JsonNode run(String spec) {
        om.clockOffset(Duration.ofHours(hour++));
        return ingest(om, spec, BY_EVENTS);
    }

    private JsonNode run() {
        try {
            return run(petstoreYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first run seals, the second finds the seal by listing and stamps it anew on a collection. */
    private void sealedAndStamped(OpenMetadataEmulator.Mode mode) {
        om = OpenMetadataEmulator.start(mode, JWT);
        JsonNode first = run();
        assertEquals(sealCheck("listing", "the service does not exist yet", null), first.path("sealCheck"), first.toString());
        om.clearRequests();
        JsonNode second = run();
        assertEquals(List.of("parse", "map"), skipped(second));
        assertEquals(sealCheck("listing", NOT_STAMPED, true), second.path("sealCheck"), second.toString());
        String carrier = om.collections().get("petstore.pet").path("id").asText();
        assertEquals(List.of("PATCH /v1/apiCollections/" + carrier), writes(), "one write: the stamp");
        om.clearRequests();
    }

    @ParameterizedTest
    @EnumSource(OpenMetadataEmulator.Mode.class)
    void anUnchangedRunReadsTheCollectionsTwoCountsAndTheEventsAndNoEndpoint(OpenMetadataEmulator.Mode mode) {
        sealedAndStamped(mode);
        Map<String, String> state = SyncTest.visibleState(om);
        for (int run = 0; run < 2; run++) {
            JsonNode report = run();
            assertEquals("success", report.path("status").asText(), report.toString());
            assertEquals(List.of("parse", "map"), skipped(report));
            assertEquals(sealCheck("changeEvents", null, null), report.path("sealCheck"));
            assertCounts(report, "apiCollection", 0, 0, 0, 4);
            assertCounts(report, "apiEndpoint", 0, 0, 0, 9);
            assertEquals(OUTLINE_AND_EVENTS, calls());
            assertEquals(List.of("limit=1&include=all", "limit=1&include=deleted"), endpointListings(),
                    "the endpoints are counted, not listed");
            assertEquals(6, report.path("requests").asInt());
            assertEquals(List.of("fetch", "outline", "total"), fieldNames(report.path("durationsMillis")));
            assertEquals(state, SyncTest.visibleState(om));
            om.clearRequests();
        }
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void aChangedSpecIsAFullRunAndTheRunAfterItStampsTheNewSeal() throws IOException {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        JsonNode changed = run(petstoreYaml().replace("operationId: getPetById", "operationId: findPetById"));
        assertEquals(sealCheck("listing", NOT_STAMPED, null), changed.path("sealCheck"));
        assertCounts(changed, "apiEndpoint", 0, 1, 0, 8);
        JsonNode listed = run(petstoreYaml().replace("operationId: getPetById", "operationId: findPetById"));
        assertEquals("listing", listed.path("sealCheck").path("by").asText(), listed.toString());
        assertTrue(listed.path("sealCheck").path("restamped").asBoolean(), listed.toString());
        assertEquals("changeEvents", run(petstoreYaml().replace("operationId: getPetById", "operationId: findPetById"))
                .path("sealCheck").path("by").asText());
    }

    // --- outside changes the events show -------------------------------------------------------------------------

    @Test
    void aUsersEditOfAnEndpointsSourceHashIsRewritten() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        patch("apiEndpoints", endpoint("petstore.pet./pet/{petId}/get"), "sourceHash", "0123456789abcdef0123456789abcdef");
        JsonNode report = run();
        assertListedForEvents(report, 1);
        assertCounts(report, "apiEndpoint", 0, 1, 0, 8);
        assertBackToChangeEvents();
    }

    @Test
    void aUsersEditTheSealDoesNotCoverCostsOneListingAndNoWrite() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        patch("apiEndpoints", endpoint("petstore.pet./pet/{petId}/get"), "description", "Edited in the UI");
        om.clearRequests();
        JsonNode report = run();
        assertListedForEvents(report, 1);
        assertEquals(List.of("parse", "map"), skipped(report), "the seal is intact: the description is the user's");
        assertTrue(report.path("sealCheck").path("restamped").asBoolean(), report.toString());
        assertEquals(List.of("PATCH /v1/apiCollections/" + collection("petstore.pet")), writes());
        assertEquals("Edited in the UI", om.endpoints().get("petstore.pet./pet/{petId}/get").path("description").asText());
        assertEquals("changeEvents", run().path("sealCheck").path("by").asText());
    }

    @Test
    void aSoftDeletedEndpointIsRestored() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        delete("apiEndpoints", endpoint("petstore.pet./pet/{petId}/get"), false, false);
        JsonNode report = run();
        assertEquals("listing", report.path("sealCheck").path("by").asText());
        assertCounts(report, "apiEndpoint", 0, 0, 1, 8);
        assertFalse(om.endpoints().get("petstore.pet./pet/{petId}/get").path("deleted").asBoolean());
        assertBackToChangeEvents();
    }

    @Test
    void anotherWritersChangeIsRewritten() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        putForeignEndpoint("petstore.store", "/store/inventory/get", "00000000000000000000000000000000");
        JsonNode report = run();
        assertListedForEvents(report, 1);
        assertCounts(report, "apiEndpoint", 0, 1, 0, 8);
        assertBackToChangeEvents();
    }

    @Test
    void aWriteBetweenTheListingAndTheStampIsSeenByTheNextRun() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        run();
        // another writer changes an endpoint after the second run listed the catalogue and before it stamped the seal
        om.injectFault(Fault.action("PATCH", "/v1/apiCollections/", 1, () ->
                putForeignEndpoint("petstore.store", "/store/inventory/get", "00000000000000000000000000000000")));
        JsonNode stamping = run();
        assertTrue(stamping.path("sealCheck").path("restamped").asBoolean(), stamping.toString());
        JsonNode report = run();
        assertListedForEvents(report, 1);
        assertCounts(report, "apiEndpoint", 0, 1, 0, 8);
    }

    // --- outside changes whose event OpenMetadata does not record (or lost): the counts and collections show them ---

    @Test
    void aHardDeletedEndpointIsCreatedAgainEvenWithoutItsEvent() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        om.loseNextChangeEvents(1);
        delete("apiEndpoints", endpoint("petstore.pet./pet/{petId}/get"), true, false);
        assertEquals(1, om.lostChangeEvents());
        JsonNode report = run();
        assertEquals(sealCheck("listing", NOT_STAMPED, null), report.path("sealCheck"), "the endpoint count changed");
        assertCounts(report, "apiEndpoint", 1, 0, 0, 8);
        assertBackToChangeEvents();
    }

    @Test
    void anEndpointAddedByAnotherWriterIsMarkedDeletedEvenWithoutItsEvent() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        om.loseNextChangeEvents(1);
        putForeignEndpoint("petstore.store", "/store/extra/get", "00000000000000000000000000000000");
        JsonNode report = run();
        assertEquals(sealCheck("listing", NOT_STAMPED, null), report.path("sealCheck"));
        assertEquals(1, report.path("counts").path("apiEndpoint").path("deleted").asInt(), report.toString());
        assertTrue(om.endpoints().get("petstore.store./store/extra/get").path("deleted").asBoolean());
    }

    @Test
    void anEndpointRestoredInTheUiIsMarkedDeletedAgainEvenWithoutItsEvent() throws IOException {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        String withDelete = petstoreYaml();
        // the path item's delete operation, dropped: its other operations stay
        String withoutDelete = withDelete.replace("    delete:\n      tags: [pet]\n      operationId: deletePet",
                "    x-dropped:\n      operationId: deletePet");
        assertFalse(withDelete.equals(withoutDelete), "the spec lost an operation");
        run(withDelete);
        JsonNode dropped = run(withoutDelete);
        assertEquals(1, dropped.path("counts").path("apiEndpoint").path("deleted").asInt(), dropped.toString());
        assertTrue(run(withoutDelete).path("sealCheck").path("restamped").asBoolean());
        om.loseNextChangeEvents(1);
        restore("apiEndpoints", endpoint("petstore.pet./pet/{petId}/delete"));
        JsonNode report = run(withoutDelete);
        assertEquals(sealCheck("listing", NOT_STAMPED, null), report.path("sealCheck"), "the deleted count changed");
        assertEquals(1, report.path("counts").path("apiEndpoint").path("deleted").asInt(), report.toString());
        assertTrue(om.endpoints().get("petstore.pet./pet/{petId}/delete").path("deleted").asBoolean());
    }

    @Test
    void aCollectionDeletedRecursivelyIsRestoredEvenWithoutItsEvent() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        om.loseNextChangeEvents(1); // the collection's; its endpoints get none
        delete("apiCollections", collection("petstore.store"), false, true);
        JsonNode report = run();
        assertEquals(sealCheck("listing", NOT_STAMPED, null), report.path("sealCheck"), "the collection is listed deleted");
        assertCounts(report, "apiCollection", 0, 0, 1, 3);
        assertFalse(om.collections().get("petstore.store").path("deleted").asBoolean());
        assertBackToChangeEvents();
    }

    // --- when the events cannot vouch ------------------------------------------------------------------------------

    @Test
    void aStampWhoseEventWasLostOrPurgedIsListedAndStampedAgain() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        run();
        om.loseNextChangeEvents(1);
        assertTrue(run().path("sealCheck").path("restamped").asBoolean());
        JsonNode lost = run();
        assertEquals("listing", lost.path("sealCheck").path("by").asText());
        assertTrue(lost.path("sealCheck").path("because").asText().startsWith("the seal's own change event (petstore.pet at "),
                lost.toString());
        assertTrue(lost.path("sealCheck").path("because").asText().endsWith(
                ") is not among OpenMetadata's change events: purged, or not recorded"), lost.toString());
        assertTrue(lost.path("sealCheck").path("restamped").asBoolean());
        assertEquals("changeEvents", run().path("sealCheck").path("by").asText());

        om.purgeChangeEventsBefore(Long.MAX_VALUE); // the retention app ran
        JsonNode purged = run();
        assertTrue(purged.path("sealCheck").path("because").asText().startsWith("the seal's own change event"), purged.toString());
        assertEquals("changeEvents", run().path("sealCheck").path("by").asText());
    }

    @Test
    void aStampOlderThanTheMaximumAgeIsListedAndStampedAgain() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        hour = -30;
        run();
        run(); // stamped 29 hours ago
        hour = 0;
        JsonNode old = run();
        assertEquals("listing", old.path("sealCheck").path("by").asText(), old.toString());
        assertTrue(old.path("sealCheck").path("because").asText().endsWith(
                ", longer ago than unchangedCheckMaxAgeHours (24 h)"), old.toString());
        assertTrue(old.path("sealCheck").path("restamped").asBoolean());
        assertEquals("changeEvents", run().path("sealCheck").path("by").asText());
    }

    @Test
    void eventsThatCannotBeReadAreAReasonToListNotAFailure() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        om.injectFault(Fault.status("GET", "/v1/events", 1, 403));
        om.clearRequests();
        JsonNode report = run();
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals("listing", report.path("sealCheck").path("by").asText());
        assertEquals(sealCheck("listing",
                "the change events could not be read: GET /v1/events failed: HTTP 403: Injected fault: HTTP 403", false),
                report.path("sealCheck"), "stamping again would not make them readable: no write");
        assertEquals(List.of(), writes());
        assertEquals(List.of("OpenMetadata refused its change events, so every run lists the catalogue (set unchangedCheck "
                        + "to listing, or let the bot read GET /v1/events): GET /v1/events failed: HTTP 403: Injected fault: "
                        + "HTTP 403"), report.path("warnings").findValuesAsText("message"));
        assertEquals(List.of("parse", "map"), skipped(report));
    }

    @Test
    void aServerRestoredFromABackupIsCheckedAgainstItsOwnEvents() throws IOException {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0);
        OpenMetadataEmulator.Stored backup = om.store();
        String edited = petstoreYaml().replace("operationId: getPetById", "operationId: findPetById");
        assertCounts(run(edited), "apiEndpoint", 0, 1, 0, 8);
        om.restore(backup); // the database, its change events with it, as it was before that run
        JsonNode original = run();
        assertEquals(sealCheck("changeEvents", null, null), original.path("sealCheck"),
                "the restored catalogue is what the seal says, and its events say nothing since");
        JsonNode again = run(edited);
        assertEquals(sealCheck("listing", NOT_STAMPED, null), again.path("sealCheck"));
        assertCounts(again, "apiEndpoint", 0, 1, 0, 8);
    }

    @Test
    void aMultiFileSpecIsCheckedByListingAndNeverStamped() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        specs.serveFolder(Path.of("src/test/resources/specs/multi-file"), "/v1/");
        String payload = Payloads.with(Payloads.url("pets", specs.url("/v1/openapi.yaml"), null, null, om.apiUrl(), JWT),
                "source.sourceConfig.config.unchangedCheck", "changeEvents");
        invoke(payload);
        om.clearRequests();
        JsonNode rerun = invoke(payload);
        assertEquals(List.of("map"), skipped(rerun));
        assertEquals(sealCheck("listing", "the spec references other documents, which only parsing reads", null),
                rerun.path("sealCheck"));
        assertEquals(List.of(), writes());
    }

    @Test
    void aBadSettingIsRefusedByName() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        JsonNode report = ingest(om, "openapi: 3.0.0", Map.of("unchangedCheck", "events", "unchangedCheckMaxAgeHours", 200));
        assertEquals("failed", report.path("status").asText());
        assertEquals(List.of("source.sourceConfig.config.unchangedCheck must be listing or changeEvents, not 'events'",
                        "source.sourceConfig.config.unchangedCheckMaxAgeHours must be a whole number from 1 to 144, not 200"),
                report.path("errors").findValuesAsText("message"));
    }

    // --- the stamp itself ------------------------------------------------------------------------------------------

    @Test
    void aUsersEditOfTheCarrierDoesNotPassForTheStamp() {
        sealedAndStamped(OpenMetadataEmulator.Mode.V2_0); // stamped at hour -9
        om.clockOffset(Duration.ofHours(-9).plusMinutes(20));
        patch("apiEndpoints", endpoint("petstore.pet./pet/{petId}/get"), "sourceHash", "0123456789abcdef0123456789abcdef");
        om.clockOffset(Duration.ofHours(-9).plusMinutes(40)); // later, and far from the endpoint's edit
        patch("apiCollections", collection("petstore.pet"), "description", "Edited in the UI");
        JsonNode report = run();
        assertEquals(sealCheck("listing", "the collection carrying the seal (petstore.pet) was changed after the seal was "
                + "stamped on it", null), report.path("sealCheck"), report.toString());
        assertCounts(report, "apiEndpoint", 0, 1, 0, 8);
        assertEquals("Edited in the UI", om.collections().get("petstore.pet").path("description").asText());
        assertBackToChangeEvents();
    }

    @Test
    void aWriterChangingTheCarrierBetweenTheListingAndTheStampKeepsTheNextRunFull() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        run();
        JsonNode carrier = om.collections().get("petstore.pet");
        om.injectFault(Fault.action("PATCH", "/v1/apiCollections/", 1, () -> send(HttpRequest.newBuilder(
                        URI.create(om.apiUrl() + "/v1/apiCollections")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name": "pet", "service": "petstore", "endpointURL": "%s", "description": "Another writer's",
                         "sourceHash": "00000000000000000000000000000000"}""".formatted(carrier.path("endpointURL").asText()))))));
        om.clearRequests();
        JsonNode stamping = run();
        assertEquals(false, stamping.path("sealCheck").path("restamped").asBoolean(true), stamping.toString());
        assertEquals(List.of("The seal could not be stamped anew, so the next run lists the catalogue again: PATCH "
                        + "/v1/apiCollections/" + carrier.path("id").asText() + " failed: HTTP 400: JSON Patch test failed: "
                        + "/sourceHash is not \"" + carrier.path("sourceHash").asText() + "\""),
                stamping.path("warnings").findValuesAsText("message"));
        assertEquals("00000000000000000000000000000000", om.collections().get("petstore.pet").path("sourceHash").asText(),
                "the other writer's write stands");
        JsonNode report = run();
        assertEquals(sealCheck("listing", NOT_STAMPED, null), report.path("sealCheck"));
        assertCounts(report, "apiCollection", 0, 1, 0, 3);
        assertBackToChangeEvents();
    }

    @Test
    void aServerThatListsNoChangeDescriptionIsListedWithoutStampingEveryRun() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        om.describeChanges(false);
        run();
        assertTrue(run().path("sealCheck").path("restamped").asBoolean());
        for (int i = 0; i < 2; i++) {
            om.clearRequests();
            JsonNode report = run();
            assertEquals(sealCheck("listing", "OpenMetadata lists no change description for the collection carrying the "
                    + "seal, so its last change cannot be told to be the stamp", false), report.path("sealCheck"));
            assertEquals(List.of(), writes(), "stamping again would not help");
        }
    }

    @Test
    void aStampTheServerRefusesIsAWarningAndTriedOnce() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        run();
        om.injectFault(Fault.status("PATCH", "/v1/apiCollections/", 1, 503));
        om.clearRequests();
        JsonNode stamping = run();
        assertEquals("success", stamping.path("status").asText());
        assertEquals(false, stamping.path("sealCheck").path("restamped").asBoolean(true), stamping.toString());
        assertEquals(1, stamping.path("warnings").size(), stamping.toString());
        assertEquals(List.of("PATCH /v1/apiCollections/" + collection("petstore.pet")), writes(), "one attempt");
        assertTrue(run().path("sealCheck").path("restamped").asBoolean(), "the next run stamps it");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private void assertBackToChangeEvents() {
        JsonNode stamping = run();
        assertEquals("listing", stamping.path("sealCheck").path("by").asText(), "the run after a write lists");
        assertTrue(stamping.path("sealCheck").path("restamped").asBoolean(), stamping.toString());
        assertEquals(List.of("parse", "map"), skipped(stamping));
        JsonNode next = run();
        assertEquals("changeEvents", next.path("sealCheck").path("by").asText(), next.toString());
        assertEquals(List.of(), om.contractViolations());
    }

    private static void assertListedForEvents(JsonNode report, int events) {
        assertEquals("listing", report.path("sealCheck").path("by").asText(), report.toString());
        assertTrue(report.path("sealCheck").path("because").asText()
                .startsWith(events + " change event(s) of the service's collections or endpoints since "), report.toString());
    }

    private static JsonNode sealCheck(String by, String because, Boolean restamped) {
        com.fasterxml.jackson.databind.node.ObjectNode check = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("by", by);
        if (because != null) {
            check.put("because", because);
        }
        if (restamped != null) {
            check.put("restamped", restamped);
        }
        return check;
    }

    private String endpoint(String fqn) {
        return om.endpoints().get(fqn).path("id").asText();
    }

    private String collection(String fqn) {
        return om.collections().get(fqn).path("id").asText();
    }

    private void patch(String entities, String id, String field, String value) {
        send(HttpRequest.newBuilder(URI.create(om.apiUrl() + "/v1/" + entities + "/" + id))
                .header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "[{\"op\": \"add\", \"path\": \"/" + field + "\", \"value\": \"" + value + "\"}]")));
    }

    private void delete(String entities, String id, boolean hard, boolean recursive) {
        send(HttpRequest.newBuilder(URI.create(om.apiUrl() + "/v1/" + entities + "/" + id + "?hardDelete=" + hard
                + "&recursive=" + recursive)).DELETE());
    }

    private void restore(String entities, String id) {
        send(HttpRequest.newBuilder(URI.create(om.apiUrl() + "/v1/" + entities + "/restore"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + id + "\"}")));
    }

    private void putForeignEndpoint(String collection, String name, String sourceHash) {
        send(HttpRequest.newBuilder(URI.create(om.apiUrl() + "/v1/apiEndpoints"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name": "%s", "endpointURL": "https://elsewhere/%s", "requestMethod": "GET",
                         "apiCollection": "%s", "sourceHash": "%s"}""".formatted(name, name, collection, sourceHash))));
    }

    private void send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = http.send(request.header("Authorization", "Bearer " + JWT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() / 100 == 2, answer.statusCode() + " " + answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> endpointListings() {
        List<String> listings = new ArrayList<>();
        for (RecordedRequest r : om.requests()) {
            if (r.method().equals("GET") && r.apiPath().equals("/v1/apiEndpoints")) {
                listings.add(r.query().replaceAll("service=petstore&?", ""));
            }
        }
        return listings;
    }
}
