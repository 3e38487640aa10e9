package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.orchestrator.HttpCall;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A Lambda function URL event (payload format 2.0) as an {@link HttpCall}. */
final class FunctionUrlEvents {
    private FunctionUrlEvents() {
    }

    /** @throws IllegalArgumentException when the event is not one */
    static HttpCall call(JsonNode event) {
        JsonNode http = event == null ? null : event.path("requestContext").get("http");
        if (http == null || !http.isObject()) {
            throw new IllegalArgumentException("Not a function URL request");
        }
        String body = event.path("body").isTextual() ? event.path("body").asText() : null;
        if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The request body is marked base64-encoded but is not valid base64");
            }
        }
        Map<String, String> headers = new HashMap<>();
        event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                h.getValue().asText()));
        Map<String, String> query = new HashMap<>();
        event.path("queryStringParameters").fields().forEachRemaining(q -> query.put(q.getKey(), q.getValue().asText()));
        String path = event.path("rawPath").asText(http.path("path").asText("/"));
        return new HttpCall(http.path("method").asText("GET").toUpperCase(Locale.ROOT), path, query, headers, body,
                http.path("sourceIp").asText(null));
    }
}
