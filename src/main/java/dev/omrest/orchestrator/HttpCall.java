package dev.omrest.orchestrator;

import java.util.Map;

/**
 * One request to the function URL, as the surface needs it.
 *
 * @param path    the raw path, e.g. {@code /api/v1/openmetadata/deploy}
 * @param query   decoded query parameters (the last of repeated ones)
 * @param headers lower-cased names
 * @param body    the decoded body, or null
 */
public record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
                       String sourceIp) {

    public String header(String name) {
        return headers.get(name);
    }
}
