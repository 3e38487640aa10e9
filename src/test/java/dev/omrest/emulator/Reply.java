package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** A reply to send: status, JSON body and extra headers (e.g. an injected 429's {@code Retry-After}). */
record Reply(int status, JsonNode body, Map<String, String> headers) {
    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, Map.of());
    }

    /** The server's error body. */
    static ObjectNode error(int status, String message) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("code", status);
        node.put("message", message);
        return node;
    }
}
