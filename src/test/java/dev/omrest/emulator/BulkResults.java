package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server's {@code BulkOperationResult}, which bulk PUT and deleteStale answer with. */
final class BulkResults {
    private BulkResults() {
    }

    /** One item's outcome: the request it was about (an item, or an FQN), its status and message. */
    static ObjectNode response(JsonNode request, int status, String message) {
        ObjectNode response = Json.NODES.objectNode();
        response.set("request", request);
        response.put("status", status);
        response.put("message", message);
        return response;
    }

    static ObjectNode result(boolean dryRun, int processed, ArrayNode success, ArrayNode failed) {
        ObjectNode result = Json.NODES.objectNode();
        result.put("dryRun", dryRun);
        result.put("status", failed.isEmpty() ? "success" : success.isEmpty() ? "failure" : "partialSuccess");
        result.put("numberOfRowsProcessed", processed);
        result.put("numberOfRowsPassed", success.size());
        result.put("numberOfRowsFailed", failed.size());
        result.set("successRequest", success);
        result.set("failedRequest", failed);
        return result;
    }
}
