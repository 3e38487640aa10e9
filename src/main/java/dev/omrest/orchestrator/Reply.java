package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** The surface's answer: a status, a JSON body, extra headers. */
public record Reply(int status, String json, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body.toString(), Map.of());
    }

    public static Reply message(int status, String message) {
        return of(status, JSON.createObjectNode().put("message", message));
    }
}
