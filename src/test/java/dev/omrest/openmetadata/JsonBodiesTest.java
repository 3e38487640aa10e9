package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodiesTest {

    @Test
    void anEventsAnswerIsReadForFourFieldsOfEachEvent() throws IOException {
        String events = """
                {"data": [
                  {"id": "e1", "eventType": "entityUpdated", "entityType": "apiCollection", "entityId": "c1",
                   "entityFullyQualifiedName": "svc.pets", "userName": "ingestion-bot", "timestamp": 1765000000000,
                   "previousVersion": 0.1, "currentVersion": 0.2,
                   "changeDescription": {"fieldsUpdated": [{"name": "sourceHash", "oldValue": "a", "newValue": "b"}]},
                   "entity": "{\\"id\\": \\"c1\\", \\"eventType\\": \\"not this one\\"}"},
                  {"eventType": "entityDeleted", "entityType": "apiEndpoint", "entityFullyQualifiedName": "svc.pets./x/get",
                   "timestamp": 1, "entity": {"id": "x", "timestamp": 2, "nested": [{"eventType": "nor this"}]}}],
                 "paging": {"total": 2}}""";
        assertEquals("""
                {"data":[{"eventType":"entityUpdated","entityType":"apiCollection","entityFullyQualifiedName":"svc.pets",\
                "timestamp":1765000000000},{"eventType":"entityDeleted","entityType":"apiEndpoint",\
                "entityFullyQualifiedName":"svc.pets./x/get","timestamp":1}]}""", changeEvents(events).toString());
        assertEquals("{\"code\":403,\"message\":\"Forbidden\"}",
                changeEvents("{\"code\": 403, \"message\": \"Forbidden\", \"data\": {\"eventType\": \"x\"}}").toString());
        assertTrue(changeEvents("{\"data\": [], \"paging\": {\"total\": 0}}").isMissingNode(), "no event, nothing kept");
        assertTrue(changeEvents("[{\"eventType\": \"x\"}]").isMissingNode());
    }

    private static JsonNode changeEvents(String body) throws IOException {
        return JsonBodies.changeEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWriteAnswerIsReadForItsOutcomeAlone() throws IOException {
        String bulk = """
                {"dryRun": false, "status": "partialSuccess", "numberOfRowsProcessed": 2, "numberOfRowsPassed": 1,
                 "numberOfRowsFailed": 1,
                 "successRequest": [{"request": {"name": "/a/get", "requestSchema": {"schemaFields": [{"name": "x"}]}},
                                     "status": 201, "message": "Entity created"}],
                 "failedRequest": [{"request": {"name": "/b/get", "apiCollection": "svc.t"}, "status": 400,
                                    "message": "apiCollection instance for svc.t not found"}]}""";
        assertEquals("""
                {"status":"partialSuccess","numberOfRowsPassed":1,"numberOfRowsFailed":1,"failedRequest":[{"request":\
                {"name":"/b/get","apiCollection":"svc.t"},"status":400,"message":"apiCollection instance for svc.t not found"}]}""",
                outcome(bulk).toString());
        assertEquals("{\"id\":\"42\"}", outcome("""
                {"id": "42", "name": "/a/get", "fullyQualifiedName": "svc.t./a/get", "version": 0.1,
                 "responseSchema": {"schemaFields": [{"name": "x", "children": [{"name": "y"}]}]}}""").toString());
        assertEquals("{\"code\":400,\"message\":\"Unable to process JSON\"}",
                outcome("{\"code\": 400, \"message\": \"Unable to process JSON\"}").toString());
        assertTrue(outcome("[1, 2]").isMissingNode());
        assertTrue(outcome("{\"name\": \"nothing kept\"}").isMissingNode());
    }

    @Test
    void jsonValuesJoinIntoOneArrayBody() {
        assertEquals("[]", text(JsonBodies.array(List.of())));
        assertEquals("[{\"a\":1}]", text(JsonBodies.array(List.of(bytes("{\"a\":1}")))));
        assertEquals("[{\"a\":1},{\"b\":\"é\"},{}]",
                text(JsonBodies.array(List.of(bytes("{\"a\":1}"), bytes("{\"b\":\"é\"}"), bytes("{}")))));
    }

    @Test
    void gzipRoundTrips() throws IOException {
        byte[] json = bytes("[" + "{\"name\":\"endpoint\",\"description\":\"the same words again\"},".repeat(2000) + "{}]");
        byte[] compressed = JsonBodies.gzip(json);
        assertTrue(compressed.length < json.length / 10, compressed.length + " of " + json.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(json, in.readAllBytes());
        }
    }

    private static JsonNode outcome(String body) throws IOException {
        return JsonBodies.outcome(new ByteArrayInputStream(bytes(body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
