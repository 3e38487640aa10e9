package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.emulator.OpenMetadataEmulator.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator's change events over HTTP: which REST writes leave which {@code change_event} rows (and which leave none),
 * what {@code GET /v1/events} selects, and the hooks that make rows go missing as on a real server
 * ({@code docs/unchanged-reruns-research.md} §1–3).
 */
class ChangeEventsTest {
    private static final String TOKEN = "test-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SERVICE_1_6 = """
            {"name": "petapi", "serviceType": "Rest",
             "connection": {"config": {"type": "Rest", "openAPISchemaURL": "https://api.example.com/openapi.json"}}}""";
    private static final String SERVICE = """
            {"name": "petapi", "serviceType": "Rest",
             "connection": {"config": {"type": "Rest",
               "openAPISchemaConnection": {"openAPISchemaURL": "https://api.example.com/openapi.json"}}}}""";
    private static final String PETS = "{\"name\":\"pets\",\"service\":\"petapi\"}";
    private static final String GET_PET = "petapi.pets./pets/get";
    private static final String POST_PET = "petapi.pets./pets/post";
    private static final String ALL = "entityCreated=*&entityUpdated=*&entityRestored=*&entityDeleted=*";

    private OpenMetadataEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(Mode mode) throws Exception {
        emulator = OpenMetadataEmulator.start(mode, TOKEN);
        ok(201, put("/v1/services/apiServices", mode == Mode.V1_6 ? SERVICE_1_6 : SERVICE));
    }

    /** The service, collection {@code pets} and its endpoints {@code /pets/get} and {@code /pets/post}, events cleared. */
    private void startWithPets(Mode mode) throws Exception {
        start(mode);
        ok(201, put("/v1/apiCollections", PETS));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/get", "h1")));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/post", "h1")));
        emulator.clearChangeEvents();
    }

    // ---------------------------------------------------------------------------------------------
    // Recording

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCreateAndEveryChangingPutOrPatchLeaveOneEventStampedWithTheEntitysUpdatedAt(Mode mode) throws Exception {
        start(mode);
        JsonNode collection = json(ok(201, put("/v1/apiCollections", PETS)));
        JsonNode created = json(ok(201, put("/v1/apiEndpoints", endpoint("/pets/get", "h1"))));
        // what the connector re-sends unchanged changes no version and leaves no event
        assertEquals(0.1, json(ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h1")))).get("version").asDouble());
        ok(200, put("/v1/apiCollections", PETS));
        ok(200, put("/v1/services/apiServices", mode == Mode.V1_6 ? SERVICE_1_6 : SERVICE));

        List<ChangeEvent> events = emulator.changeEvents();
        assertEquals(List.of("entityCreated apiService petapi", "entityCreated apiCollection petapi.pets",
                "entityCreated apiEndpoint " + GET_PET), describe(events));
        ChangeEvent endpointCreated = events.get(2);
        assertEquals(created.get("updatedAt").asLong(), endpointCreated.timestamp());
        assertEquals(listedUpdatedAt("apiEndpoints", GET_PET), endpointCreated.timestamp());
        assertEquals(collection.get("updatedAt").asLong(), events.get(1).timestamp());
        assertEquals(created.get("id").asText(), endpointCreated.entityId());
        assertEquals(0.1, endpointCreated.previousVersion());
        assertEquals(0.1, endpointCreated.currentVersion());
        assertEquals("ingestion-bot", endpointCreated.userName());
        assertEquals(created, endpointCreated.entityJson());
        UUID.fromString(endpointCreated.id());

        // a sourceHash-only PUT is a change
        nextMillis();
        JsonNode updated = json(ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h2"))));
        ChangeEvent update = last();
        assertEquals("entityUpdated apiEndpoint " + GET_PET, describe(update));
        assertEquals(updated.get("updatedAt").asLong(), update.timestamp());
        assertEquals(listedUpdatedAt("apiEndpoints", GET_PET), update.timestamp());
        assertTrue(update.timestamp() > endpointCreated.timestamp());
        assertEquals(0.1, update.previousVersion());
        assertEquals(0.2, update.currentVersion());
        assertEquals("h2", update.entityJson().get("sourceHash").asText());

        // a PATCH that changes something is an update; one that changes nothing is not even a version
        nextMillis();
        String id = created.get("id").asText();
        JsonNode patched = json(ok(200, patch("/v1/apiEndpoints/" + id,
                "[{\"op\":\"add\",\"path\":\"/description\",\"value\":\"Lists pets\"}]")));
        ChangeEvent patch = last();
        assertEquals("entityUpdated apiEndpoint " + GET_PET, describe(patch));
        assertEquals(patched.get("updatedAt").asLong(), patch.timestamp());
        assertEquals(listedUpdatedAt("apiEndpoints", GET_PET), patch.timestamp());
        assertEquals(0.2, patch.previousVersion());
        assertEquals(0.3, patch.currentVersion());
        JsonNode same = json(ok(200, patch("/v1/apiEndpoints/" + id,
                "[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"Lists pets\"}]")));
        assertEquals(0.3, same.get("version").asDouble());
        assertEquals(patched.get("updatedAt"), same.get("updatedAt"));
        assertEquals(5, emulator.changeEvents().size());

        // the row as /v1/events answers it
        JsonNode row = events("entityUpdated=apiEndpoint&timestamp=" + patch.timestamp()).get(0);
        List<String> members = new ArrayList<>();
        row.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("id", "eventType", "entityType", "entityId", "entityFullyQualifiedName", "previousVersion",
                "currentVersion", "userName", "timestamp", "entity"), members);
        assertEquals(patch.id(), row.get("id").asText());
        assertEquals("entityUpdated", row.get("eventType").asText());
        assertEquals("apiEndpoint", row.get("entityType").asText());
        assertEquals(id, row.get("entityId").asText());
        assertEquals(GET_PET, row.get("entityFullyQualifiedName").asText());
        assertEquals(0.2, row.get("previousVersion").asDouble());
        assertEquals(0.3, row.get("currentVersion").asDouble());
        assertEquals("ingestion-bot", row.get("userName").asText());
        assertEquals(patch.timestamp(), row.get("timestamp").asLong());
        assertTrue(row.get("entity").isTextual(), "the server stores and answers the entity as a JSON string");
        assertEquals(patched, JSON.readTree(row.get("entity").asText()));
        assertEquals(List.of(), emulator.contractViolations());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRecursiveSoftDeleteOrRestoreLeavesAnEventForTheCollectionOnly(Mode mode) throws Exception {
        startWithPets(mode);
        String collectionId = emulator.collections().get("petapi.pets").get("id").asText();
        nextMillis();
        JsonNode deleted = json(ok(200, send("DELETE", "/v1/apiCollections/" + collectionId
                + "?recursive=true&hardDelete=false", null)));
        assertTrue(emulator.endpoints().values().stream().allMatch(e -> e.get("deleted").asBoolean()));
        assertEquals(List.of("entitySoftDeleted apiCollection petapi.pets"), describe(emulator.changeEvents()));
        ChangeEvent softDelete = last();
        assertEquals(deleted.get("updatedAt").asLong(), softDelete.timestamp());
        assertEquals(listedUpdatedAt("apiCollections", "petapi.pets"), softDelete.timestamp());
        assertEquals(0.1, softDelete.previousVersion());
        assertEquals(0.2, softDelete.currentVersion());
        assertTrue(softDelete.entityJson().get("deleted").asBoolean());

        nextMillis();
        JsonNode restored = json(ok(200, put("/v1/apiCollections/restore", "{\"id\":\"" + collectionId + "\"}")));
        assertTrue(emulator.endpoints().values().stream().noneMatch(e -> e.get("deleted").asBoolean()));
        assertEquals(List.of("entitySoftDeleted apiCollection petapi.pets", "entityRestored apiCollection petapi.pets"),
                describe(emulator.changeEvents()));
        assertEquals(restored.get("updatedAt").asLong(), last().timestamp());
        assertEquals(listedUpdatedAt("apiCollections", "petapi.pets"), last().timestamp());
        assertTrue(last().timestamp() > softDelete.timestamp());
        assertFalse(last().entityJson().get("deleted").asBoolean());

        // a PUT of a soft-deleted endpoint restores it as an update
        nextMillis();
        String endpointId = emulator.endpoints().get(GET_PET).get("id").asText();
        ok(200, send("DELETE", "/v1/apiEndpoints/" + endpointId, null));
        assertEquals("entitySoftDeleted apiEndpoint " + GET_PET, describe(last()));
        nextMillis();
        JsonNode put = json(ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h1"))));
        assertFalse(put.get("deleted").asBoolean());
        assertEquals("entityUpdated apiEndpoint " + GET_PET, describe(last()));
        assertEquals(put.get("updatedAt").asLong(), last().timestamp());
        assertEquals(4, emulator.changeEvents().size());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHardDeleteIsStampedWithTheEntitysOldUpdatedAtAndLeavesNothingForChildren(Mode mode) throws Exception {
        startWithPets(mode);
        JsonNode getPet = emulator.endpoints().get(GET_PET);
        JsonNode pets = emulator.collections().get("petapi.pets");
        long before = System.currentTimeMillis();
        Thread.sleep(20);

        ok(200, send("DELETE", "/v1/apiEndpoints/name/" + encoded(GET_PET) + "?hardDelete=true", null));
        ChangeEvent endpointDeleted = last();
        assertEquals("entityDeleted apiEndpoint " + GET_PET, describe(endpointDeleted));
        assertEquals(getPet.get("updatedAt").asLong(), endpointDeleted.timestamp());
        assertTrue(endpointDeleted.timestamp() <= before, "the stored row's updatedAt, not the time of the delete");
        assertEquals(getPet, endpointDeleted.entityJson());
        assertEquals(0.1, endpointDeleted.previousVersion());
        assertEquals(0.1, endpointDeleted.currentVersion());

        ok(200, send("DELETE", "/v1/apiCollections/name/petapi.pets?recursive=true&hardDelete=true", null));
        assertTrue(emulator.endpoints().isEmpty());
        assertEquals(List.of("entityDeleted apiEndpoint " + GET_PET, "entityDeleted apiCollection petapi.pets"),
                describe(emulator.changeEvents()));
        assertEquals(pets.get("updatedAt").asLong(), last().timestamp());
        assertFalse(last().entityJson().get("deleted").asBoolean(), "the row as stored before the delete");

        // a soft-deleted entity hard-deleted later: stamped with its soft delete
        ok(201, put("/v1/apiCollections", "{\"name\":\"stores\",\"service\":\"petapi\"}"));
        nextMillis();
        JsonNode softDeleted = json(ok(200, send("DELETE", "/v1/apiCollections/name/petapi.stores", null)));
        Thread.sleep(5);
        ok(200, send("DELETE", "/v1/apiCollections/name/petapi.stores?hardDelete=true", null));
        assertEquals("entityDeleted apiCollection petapi.stores", describe(last()));
        assertEquals(softDeleted.get("updatedAt").asLong(), last().timestamp());
        assertEquals(0.1, last().previousVersion());
        assertEquals(0.2, last().currentVersion());
    }

    @Test
    void bulkPutsRecordCreatesAndChangesOnlyAndDeleteStaleRecordsNothing() throws Exception {
        start(Mode.V2_0);
        JsonNode first = json(ok(200, put("/v1/apiCollections/bulk?async=false",
                "[{\"name\":\"pets\",\"service\":\"petapi\"},{\"name\":\"stores\",\"service\":\"petapi\"}]")));
        assertEquals(2, first.get("numberOfRowsPassed").asInt());
        assertEquals(List.of("entityCreated apiService petapi", "entityCreated apiCollection petapi.pets",
                "entityCreated apiCollection petapi.stores"), describe(emulator.changeEvents()));
        assertEquals(listedUpdatedAt("apiCollections", "petapi.stores"), last().timestamp());

        ok(200, put("/v1/apiCollections/bulk?async=false",
                "[{\"name\":\"pets\",\"service\":\"petapi\"},{\"name\":\"stores\",\"service\":\"petapi\"}]"));
        assertEquals(3, emulator.changeEvents().size(), "unchanged items leave no event");
        nextMillis();
        ok(200, put("/v1/apiCollections/bulk?async=false", "[{\"name\":\"pets\",\"service\":\"petapi\"},"
                + "{\"name\":\"stores\",\"service\":\"petapi\",\"sourceHash\":\"s2\"}]"));
        assertEquals("entityUpdated apiCollection petapi.stores", describe(last()));
        assertEquals(listedUpdatedAt("apiCollections", "petapi.stores"), last().timestamp());
        assertEquals(4, emulator.changeEvents().size());

        ok(200, put("/v1/apiEndpoints/bulk?async=false", "[" + endpoint("/pets/get", "h1") + ","
                + endpoint("/pets/post", "h1") + "," + endpointIn("petapi.stores", "/stores/get") + "]"));
        assertEquals(List.of("entityCreated apiEndpoint " + GET_PET, "entityCreated apiEndpoint " + POST_PET,
                "entityCreated apiEndpoint petapi.stores./stores/get"), describe(emulator.changeEvents().subList(4, 7)));

        // deleteStale deletes through the repository: no event for anything it deletes, soft or hard
        List<ChangeEvent> beforeStale = emulator.changeEvents();
        JsonNode soft = json(ok(200, send("DELETE", "/v1/apiCollections/deleteStale",
                "{\"scopeFqn\":\"petapi\",\"scopeEntityType\":\"service\",\"seenFqns\":[\"petapi.pets\"],"
                        + "\"recursive\":true,\"hardDelete\":false}")));
        assertEquals(1, soft.get("numberOfRowsPassed").asInt());
        JsonNode hard = json(ok(200, send("DELETE", "/v1/apiEndpoints/deleteStale",
                "{\"scopeFqn\":\"petapi.pets\",\"scopeEntityType\":\"apiCollection\",\"seenFqns\":[\"" + GET_PET
                        + "\"],\"hardDelete\":true}")));
        assertEquals(1, hard.get("numberOfRowsPassed").asInt());
        assertTrue(emulator.collections().get("petapi.stores").get("deleted").asBoolean());
        assertFalse(emulator.endpoints().containsKey(POST_PET));
        assertEquals(beforeStale, emulator.changeEvents());
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    @Test
    void eventsAreSelectedByTypeAndTimeAndAnsweredInTimeOrder() throws Exception {
        start(Mode.V2_0);
        ok(201, put("/v1/apiCollections", PETS));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/get", "h1")));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/post", "h1")));
        long t0 = nextMillis();
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h2")));                 // updated, t1
        long t1 = last().timestamp();
        nextMillis();
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/put", "h1")));                 // created, t2
        long t2 = last().timestamp();
        nextMillis();
        String postId = emulator.endpoints().get(POST_PET).get("id").asText();
        ok(200, send("DELETE", "/v1/apiEndpoints/" + postId, null));                  // soft-deleted, t3
        nextMillis();
        ok(200, put("/v1/apiEndpoints/restore", "{\"id\":\"" + postId + "\"}"));      // restored, t4
        nextMillis();
        ok(200, send("DELETE", "/v1/apiEndpoints/name/" + encoded(GET_PET) + "?hardDelete=true", null)); // deleted, at t1
        assertTrue(t0 <= t1 && t1 < t2);

        // every type: ordered by timestamp, the hard delete at its old time (after the update it shares it with)
        List<JsonNode> all = events(ALL + "&timestamp=" + t0);
        assertEquals(List.of("entityUpdated " + GET_PET, "entityDeleted " + GET_PET, "entityCreated petapi.pets./pets/put",
                "entitySoftDeleted " + POST_PET, "entityRestored " + POST_PET), describeRows(all));
        assertEquals(5, json(ok(200, get("/v1/events?" + ALL + "&timestamp=" + t0))).get("paging").get("total").asInt());
        List<Long> times = all.stream().map(e -> e.get("timestamp").asLong()).toList();
        assertEquals(times.stream().sorted().toList(), times);

        // the time bound is inclusive
        assertEquals(List.of("entityCreated petapi.pets./pets/put"), describeRows(events("entityCreated=*&timestamp=" + t2)));
        assertEquals(List.of(), describeRows(events("entityCreated=*&timestamp=" + (t2 + 1))));
        // a hard delete stamped before T is not seen from T, although it happened after
        assertEquals(List.of("entitySoftDeleted " + POST_PET), describeRows(events("entityDeleted=*&timestamp=" + (t1 + 1))));

        // entity type lists; an absent event type selects nothing; entityDeleted is soft and hard deletes
        assertEquals(List.of("entityCreated " + GET_PET, "entityCreated " + POST_PET, "entityCreated petapi.pets./pets/put"),
                describeRows(events("entityCreated=apiEndpoint&timestamp=0")));
        assertEquals(List.of("apiService", "apiCollection"), events("entityCreated=apiService,apiCollection&timestamp=0")
                .stream().map(e -> e.get("entityType").asText()).toList());
        assertEquals(2, events("entityCreated=apiService,%20apiCollection&timestamp=0").size());
        assertEquals(List.of(), events("entityCreated=table&timestamp=0"));
        assertEquals(List.of(), events("timestamp=0"));
        assertEquals(List.of("entityDeleted " + GET_PET, "entitySoftDeleted " + POST_PET),
                describeRows(events("entityDeleted=apiEndpoint&timestamp=0")));
        assertEquals(List.of("entityRestored " + POST_PET), describeRows(events("entityRestored=apiEndpoint&timestamp=0")));
        assertEquals(List.of(), events("entityUpdated=apiCollection&timestamp=0"));

        // JAX-RS reads the primitive timestamp as 0 when absent and answers 404 when it is no number
        assertEquals(5, events("entityCreated=*").size());
        assertEquals(404, get("/v1/events?entityCreated=*&timestamp=yesterday").statusCode());
        HttpResponse<String> badType = get("/v1/events?entityCreated=apiEndpoints&timestamp=0");
        assertEquals(400, badType.statusCode());
        assertEquals("Invalid entity apiEndpoints in query param entityCreated", json(badType).get("message").asText());
        assertEquals(400, get("/v1/events?entityDeleted=&timestamp=0").statusCode());

        // authenticated as the other routes, and recorded like them
        assertEquals(401, send("GET", "/v1/events?" + ALL + "&timestamp=0", null, null).statusCode());
        assertEquals(401, send("GET", "/v1/events?" + ALL + "&timestamp=0", null, "wrong").statusCode());
        emulator.clearRequests();
        ok(200, get("/v1/events?entityCreated=apiEndpoint&timestamp=" + t2));
        assertEquals(List.of(new RecordedRequest("GET", "/api/v1/events", "entityCreated=apiEndpoint&timestamp=" + t2,
                "", 200)), emulator.requests());
        assertEquals(404, send("POST", "/v1/events", "{}").statusCode());
    }

    @Test
    void readingEventsCostsWhatListingAsManyEntitiesCosts() throws Exception {
        startWithPets(Mode.V2_0);
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h2")));
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/post", "h2")));
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h3")));
        emulator.costModel(new CostModel(1, 0, 40, 0));
        long start = System.nanoTime();
        assertEquals(3, events(ALL + "&timestamp=0").size());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 120, "3 events at 40 ms each");
        emulator.costModel(CostModel.NONE);
    }

    // ---------------------------------------------------------------------------------------------
    // Fault hooks and backups

    @Test
    void lostEventsLeaveTheWritesInPlaceAndTheRetentionPurgeGoesByTimestamp() throws Exception {
        start(Mode.V2_0);
        emulator.clearChangeEvents();
        emulator.loseNextChangeEvents(2);
        ok(201, put("/v1/apiCollections", PETS));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/get", "h1")));
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/post", "h1")));
        assertEquals(List.of("entityCreated apiEndpoint " + POST_PET), describe(emulator.changeEvents()));
        assertEquals(2, emulator.lostChangeEvents());
        assertEquals(2, emulator.endpoints().size());
        assertEquals(List.of("entityCreated " + POST_PET), describeRows(events(ALL + "&timestamp=0")));

        emulator.loseNextChangeEvents(1);
        emulator.clearFaults();
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/post", "h2")));
        assertEquals(2, emulator.changeEvents().size());

        // purged by timestamp: the hard delete, stamped with the old updatedAt of /pets/post, goes with the old rows
        long oldTime = last().timestamp();
        nextMillis();
        long cutoff = nextMillis();
        ok(201, put("/v1/apiEndpoints", endpoint("/pets/put", "h1")));
        ok(200, send("DELETE", "/v1/apiEndpoints/name/" + encoded(POST_PET) + "?hardDelete=true", null));
        assertEquals(oldTime, last().timestamp());
        assertEquals(3, emulator.purgeChangeEventsBefore(cutoff));
        assertEquals(List.of("entityCreated apiEndpoint petapi.pets./pets/put"), describe(emulator.changeEvents()));

        emulator.clearChangeEvents();
        assertEquals(List.of(), emulator.changeEvents());
        assertEquals(0, emulator.lostChangeEvents());
    }

    @Test
    void aBackupHoldsTheEventsOfItsTimeAndARestoreBringsThemBack() throws Exception {
        startWithPets(Mode.V2_0);
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h2")));
        OpenMetadataEmulator.Stored backup = emulator.store();
        assertEquals(emulator.changeEvents(), backup.changeEvents());
        List<JsonNode> atBackup = events(ALL + "&timestamp=0");

        nextMillis();
        ok(200, put("/v1/apiEndpoints", endpoint("/pets/get", "h3")));
        ok(200, send("DELETE", "/v1/apiEndpoints/name/" + encoded(POST_PET) + "?hardDelete=true", null));
        assertEquals(3, emulator.changeEvents().size());

        emulator.restore(backup);
        assertEquals(backup.changeEvents(), emulator.changeEvents());
        assertEquals(atBackup, events(ALL + "&timestamp=0"));
        assertEquals("h2", emulator.endpoints().get(GET_PET).get("sourceHash").asText());
        assertTrue(emulator.endpoints().containsKey(POST_PET));

        emulator.reset();
        assertEquals(List.of(), emulator.changeEvents());
        emulator.restore(new OpenMetadataEmulator.Stored(backup.services(), backup.collections(), backup.endpoints()));
        assertEquals(2, emulator.endpoints().size());
        assertEquals(List.of(), emulator.changeEvents(), "a backup of entities only has an empty change_event table");
    }

    // ---------------------------------------------------------------------------------------------

    private static String endpoint(String name, String sourceHash) {
        return "{\"name\":\"" + name + "\",\"apiCollection\":\"petapi.pets\",\"requestMethod\":\""
                + (name.endsWith("post") ? "POST" : name.endsWith("put") ? "PUT" : "GET") + "\",\"sourceHash\":\""
                + sourceHash + "\"}";
    }

    private static String endpointIn(String collection, String name) {
        return "{\"name\":\"" + name + "\",\"apiCollection\":\"" + collection + "\",\"requestMethod\":\"GET\"}";
    }

    /** An FQN as one path segment: its slashes escaped. */
    private static String encoded(String fqn) {
        return fqn.replace("/", "%2F");
    }

    /** Waits for the clock to move on, so the next write's updatedAt differs from every earlier one; returns it. */
    private static long nextMillis() throws InterruptedException {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now) {
            Thread.sleep(1);
        }
        return System.currentTimeMillis();
    }

    private ChangeEvent last() {
        List<ChangeEvent> events = emulator.changeEvents();
        return events.get(events.size() - 1);
    }

    private static String describe(ChangeEvent event) {
        return event.eventType() + " " + event.entityType() + " " + event.entityFullyQualifiedName();
    }

    private static List<String> describe(List<ChangeEvent> events) {
        return events.stream().map(ChangeEventsTest::describe).toList();
    }

    private static List<String> describeRows(List<JsonNode> rows) {
        return rows.stream().map(e -> e.get("eventType").asText() + " " + e.get("entityFullyQualifiedName").asText())
                .toList();
    }

    /** {@code GET /v1/events?<query>}'s data, checked against its total. */
    private List<JsonNode> events(String query) throws Exception {
        JsonNode answer = json(ok(200, get("/v1/events?" + query)));
        List<JsonNode> rows = new ArrayList<>();
        answer.get("data").forEach(rows::add);
        assertEquals(rows.size(), answer.get("paging").get("total").asInt());
        assertEquals(1, answer.get("paging").size(), "no cursors: the server does not page events");
        return rows;
    }

    /** The {@code updatedAt} a listing shows for this FQN (deleted entities included). */
    private long listedUpdatedAt(String entities, String fqn) throws Exception {
        for (JsonNode entity : json(ok(200, get("/v1/" + entities + "?service=petapi&include=all&limit=100")))
                .get("data")) {
            if (entity.get("fullyQualifiedName").asText().equals(fqn)) {
                return entity.get("updatedAt").asLong();
            }
        }
        throw new AssertionError(fqn + " is not listed");
    }

    private static HttpResponse<String> ok(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    private HttpResponse<String> patch(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.apiUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, TOKEN);
    }

    private HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        return OpenMetadataEmulatorTest.send(emulator, method, path, body, token);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
