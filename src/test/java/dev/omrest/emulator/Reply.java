package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A reply to send: status, body and extra headers (e.g. an injected 429's {@code Retry-After}). The body is JSON, except
 * that a text node is sent as its raw text (a server resource answering a plain string, such as "Pipeline Client
 * Disabled") and null sends no body at all (204, or a 200 with an empty entity).
 */
record Reply(int status, JsonNode body, Map<String, String> headers) {
    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, Map.of());
    }

    /** A plain-text entity, sent as it is (with the resource's {@code application/json} content type). */
    static Reply text(int status, String text) {
        return new Reply(status, Json.NODES.textNode(text), Map.of());
    }

    /** No body. */
    static Reply empty(int status, Map<String, String> headers) {
        return new Reply(status, null, headers);
    }

    /** The server's error body. */
    static ObjectNode error(int status, String message) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("code", status);
        node.put("message", message);
        return node;
    }
}
